// The relay-assisted PIN in the mailbox client and both sides of a transfer (docs/protocol.md section 12.6), against a
// fake relay in a fetch function: it keeps one mailbox per create, evaluates with the share's OPRF key, checks proofs
// against the verifier, counts guesses and locks, as the real relay does. The browser tests run the same against the
// real relay.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constantTimeEqual, fromBase64Url, fromUtf8, toBase64Url } from '../src/bytes.js';
import { sha256 } from '../src/hkdf.js';
import { MailboxError, createMailboxClient, readCapabilities } from '../src/mailbox.js';
import { blindEvaluate } from '../src/oprf.js';
import { parseShareUrl } from '../src/share-url.js';
import { TransferError, receive, share } from '../src/transfer.js';

const RELAY = 'https://relay.test';
const problem = (/** @type {number} */ status, /** @type {string} */ type, extra = {}) =>
  Response.json({ type: `urn:tigress:problem:${type}`, title: type, status, detail: type, ...extra }, { status });

function fakeRelay() {
  /** @type {Map<string, any>} */
  const boxes = new Map();
  /** @type {{method: string, path: string, body: any}[]} */
  const requests = [];
  /** @type {typeof fetch} */
  const fetchImpl = async (input, init = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const claim = /** @type {Record<string, string>} */ (init.headers ?? {})['Mailbox-Device-Claim'];
    requests.push({ method, path: url.pathname, body });
    if (method === 'GET' && url.pathname === '/v1') return Response.json({ apiVersion: '1', relayAssistedPin: true, maxPinGuesses: 10 });
    if (method === 'POST' && url.pathname === '/v1/m') {
      const id = crypto.randomUUID();
      boxes.set(id, { ...body, initiator: claim, recipient: null, slots: { i2r: body.payload, r2i: null }, guessesLeft: body.pinProtection?.guesses, events: [] });
      return Response.json({ urlLink: `${RELAY}/v1/m/${id}`, isPushNotificationSupported: false });
    }
    const [, , , id, tail] = url.pathname.split('/');
    const box = boxes.get(id);
    if (!box) return problem(404, 'not-found');
    const stranger = claim !== box.initiator && claim !== box.recipient;
    if (method === 'POST' && tail === 'pin') {
      if (box.recipient !== null && stranger) return problem(401, 'wrong-claim');
      if (box.guessesLeft === 0) return problem(403, 'pin-locked');
      const evaluated = blindEvaluate(fromBase64Url(box.pinProtection.oprfKey), fromBase64Url(body.blindedElement));
      return evaluated === null ? problem(400, 'invalid-request') : Response.json({ evaluatedElement: toBase64Url(evaluated), guessesLeft: box.guessesLeft });
    }
    if (method === 'POST') {
      if (box.recipient === null && claim !== box.initiator) {
        if (box.guessesLeft === 0) return problem(403, 'pin-locked');
        if (body?.pinProof === undefined) return problem(403, 'pin-required');
        const verifier = /** @type {Uint8Array} */ (fromBase64Url(box.pinProtection.verifier));
        if (!constantTimeEqual(await sha256(/** @type {Uint8Array} */ (fromBase64Url(body.pinProof))), verifier)) {
          box.guessesLeft--;
          box.events.push({ event: 'pin-failed', guessesLeft: box.guessesLeft });
          if (box.guessesLeft === 0) box.slots.i2r = null;
          return problem(403, 'wrong-pin', { guessesLeft: box.guessesLeft });
        }
        box.recipient = claim;
        box.events.push({ event: 'claimed' });
      } else if (stranger) {
        return problem(401, 'wrong-claim');
      }
      const slot = box.slots[claim === box.initiator ? 'r2i' : 'i2r'];
      return slot ? Response.json({ displayInformation: box.displayInformation, payload: slot, expiration: '2099-01-01T00:00:00Z' }, { headers: { ETag: '"1"' } }) : new Response(null, { status: 204 });
    }
    if (method === 'PUT') {
      if (stranger) return problem(401, 'wrong-claim');
      box.slots[claim === box.initiator ? 'i2r' : 'r2i'] = body.payload;
      return Response.json({ isPushNotificationSupported: false });
    }
    return problem(405, 'method-not-allowed');
  };
  return { boxes, requests, fetch: fetchImpl, client: () => createMailboxClient({ fetch: fetchImpl, attempts: 1 }) };
}

test('relay-assisted share: a 7-digit PIN, p=2, and pinProtection with a 32-byte key and verifier and 3 guesses', async () => {
  const relay = fakeRelay();
  const handle = await share(RELAY, { text: 'secret', pin: 'relay', client: relay.client() });
  assert.match(/** @type {string} */ (handle.pin), /^[0-9]{7}$/);
  assert.equal(handle.pinMode, 'relay');
  assert.equal(parseShareUrl(handle.link).pinMode, 'relay');
  const create = relay.requests.find((r) => r.path === '/v1/m');
  assert.equal(fromBase64Url(create?.body.pinProtection.oprfKey)?.length, 32);
  assert.equal(fromBase64Url(create?.body.pinProtection.verifier)?.length, 32);
  assert.equal(create?.body.pinProtection.guesses, 3);
  assert.ok(!JSON.stringify(create?.body).includes(/** @type {string} */ (handle.pin)), 'the PIN itself is not sent');
});

test('relay-assisted share: more than 10^-6 odds for a guesser is refused before anything is sent', async () => {
  const relay = fakeRelay();
  await assert.rejects(share(RELAY, { text: 'x', pin: 'relay', pinLength: 6, guesses: 2, client: relay.client() }), RangeError);
  assert.equal(relay.requests.length, 0);
});

test('relay-assisted receive: an empty or incomplete PIN sends nothing at all', async () => {
  const relay = fakeRelay();
  const handle = await share(RELAY, { text: 'secret', pin: 'relay', client: relay.client() });
  const before = relay.requests.length;
  for (const pin of [undefined, '', '  ', '12345', '12a4567']) {
    await assert.rejects(receive(parseShareUrl(handle.link), { pin, client: relay.client() }), (e) => e instanceof TransferError && e.code === 'pin-required');
  }
  assert.equal(relay.requests.length, before);
});

test('relay-assisted receive: a wrong PIN says how many tries are left and binds nothing; the right one receives', async () => {
  const relay = fakeRelay();
  const handle = await share(RELAY, { text: 'door code 1357', pin: 'relay', client: relay.client() });
  const pin = /** @type {string} */ (handle.pin);
  const wrong = pin[0] === '0' ? `1${pin.slice(1)}` : `0${pin.slice(1)}`;
  const link = parseShareUrl(handle.link);

  await assert.rejects(receive(link, { pin: wrong, client: relay.client() }), (e) => e instanceof TransferError && e.code === 'wrong-pin' && e.guessesLeft === 2 && e.message === 'Wrong PIN; 2 tries left.');
  const box = [...relay.boxes.values()][0];
  assert.equal(box.recipient, null);

  const received = await receive(link, { pin: `${pin.slice(0, 3)} ${pin.slice(3)}`, client: relay.client() });
  assert.equal(fromUtf8(received.token), 'door code 1357');
  assert.deepEqual(box.events, [{ event: 'pin-failed', guessesLeft: 2 }, { event: 'claimed' }]);
  assert.ok(box.slots.r2i, 'the recipient wrote its receipt');
  const evaluations = relay.requests.filter((r) => r.path.endsWith('/pin'));
  assert.equal(evaluations.length, 2);
  assert.equal(fromBase64Url(evaluations[0].body.blindedElement)?.length, 33);
});

test('relay-assisted receive: the last wrong guess locks the share; a link without p=2 is told to ask for the PIN', async () => {
  const relay = fakeRelay();
  const handle = await share(RELAY, { text: 'never', pin: 'relay', client: relay.client() });
  const link = parseShareUrl(handle.link);
  const wrong = handle.pin === '1234567' ? '7654321' : '1234567';
  const codes = [];
  for (let i = 0; i < 4; i++) {
    try {
      await receive(link, { pin: wrong, client: relay.client() });
    } catch (error) {
      codes.push(/** @type {TransferError} */ (error).code);
    }
  }
  assert.deepEqual(codes, ['wrong-pin', 'wrong-pin', 'locked', 'locked']);

  const other = await share(RELAY, { text: 'stripped', pin: 'relay', client: relay.client() });
  const stripped = parseShareUrl(other.link.replace('&p=2', ''));
  await assert.rejects(receive(stripped, { client: relay.client() }), (e) => e instanceof TransferError && e.code === 'pin-required');
});

test('mailbox client: a wrong-pin problem carries guessesLeft, and the capability document is read without a claim', async () => {
  const relay = fakeRelay();
  const handle = await share(RELAY, { text: 'x', pin: 'relay', client: relay.client() });
  await assert.rejects(relay.client().read(handle.urlLink, { pinProof: toBase64Url(new Uint8Array(32)) }), (e) => e instanceof MailboxError && e.code === 'wrong-pin' && e.guessesLeft === 2);
  assert.deepEqual(await readCapabilities(RELAY, { fetch: relay.fetch }), { apiVersion: '1', relayAssistedPin: true, maxPinGuesses: 10 });
});
