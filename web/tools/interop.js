// A command-line driver of the JavaScript client, for the interop tests (tests/Tigress.Browser.Tests):
//   node tools/interop.js receive LINK [PIN]      -> one JSON line {"ok":true,"token":base64} or {"ok":false,"code":..}
//                                                    (with guessesLeft after a wrong relay-assisted PIN)
//   node tools/interop.js share RELAY TEXT [pin|relay-pin]
//                                                 -> {"link":..,"pin":..}, then {"outcome":..} when the transfer ends
//                                                    ('pin': the SPAKE2 PIN, 'relay-pin': the relay-assisted PIN)
//   node tools/interop.js share RELAY TEXT relabel -> the same, but the relay's preview is then changed (as a
//                                                    dishonest relay would), to test the honest-preview check
// Messages go to stdout as JSON lines only; nothing here logs the link's secret anywhere else.

import { toBase64 } from '../src/bytes.js';
import { parseShareUrl } from '../src/share-url.js';
import { createMailboxClient } from '../src/mailbox.js';
import { receive, share } from '../src/transfer.js';

const [command, ...args] = process.argv.slice(2);
const print = (/** @type {object} */ value) => process.stdout.write(JSON.stringify(value) + '\n');

try {
  if (command === 'receive') {
    const result = await receive(parseShareUrl(args[0]), { pin: args[1] });
    print({ ok: true, token: toBase64(result.token), title: result.displayInformation.title });
  } else if (command === 'share') {
    const client = createMailboxClient();
    const pin = args[2] === 'pin' ? 'spake2' : args[2] === 'relay-pin' ? 'relay' : false;
    const handle = await share(args[0], { text: args[1], pin, title: 'Interop', description: 'From the JavaScript client', client });
    if (args[2] === 'relabel') {
      // The initiator's claim may replace the preview; the sealed copy in message 0 still has the original.
      await client.update(handle.urlLink, { displayInformation: { title: 'Interop (changed)', description: 'From the JavaScript client', imageURL: 'https://tigress.invalid/credential.png' } });
    }
    print({ link: handle.link, pin: handle.pin });
    /** @type {string[]} */
    const events = [];
    const result = await handle.wait({ onEvent: (e, details) => events.push(details?.guessesLeft === undefined ? e : `${e} ${details.guessesLeft}`) });
    print({ ...result, events });
  } else {
    throw new Error(`unknown command ${command}`);
  }
} catch (error) {
  print({ ok: false, code: /** @type {any} */ (error).code ?? 'error', guessesLeft: /** @type {any} */ (error).guessesLeft, message: String(/** @type {any} */ (error).message) });
  process.exitCode = 1;
}
