// Both sides of a mailbox share with the generic vertical (docs/protocol.md sections 6.1, 7 and 12): the recipient
// (claim, open, check the honest preview, answer, confirm receipt) and the initiator (create, wait, delete), without
// a PIN, with the SPAKE2 PIN (p=1, sections 12.1 to 12.5) or with the relay-assisted PIN (p=2, section 12.6).

import { fromBase64Url, toBase64Url, utf8, wipe } from './bytes.js';
import { MailboxError, createMailboxClient } from './mailbox.js';
import { RELAY_PIN_DIGITS, RELAY_PIN_GUESSES, blind, createRelayPinShare, deriveRelayPinKeys, finalize, isRelayPinAllowed } from './oprf.js';
import { importShareKey, openPayload, sealPayload } from './payload.js';
import { PIN_LENGTH, createPinParty, createPinSessionCipher, derivePinScalar, derivePinSessionKey, generatePin, mailboxPinBinding, normalizePin, pinSessionCipher } from './pin.js';
import {
  Formats,
  appNeededFor,
  authorizationToken,
  cancelMessage,
  completeMessage,
  encodeProvisioning,
  parseProvisioning,
  previewMatches,
  readAuthorizationToken,
} from './provisioning.js';
import { formatShareUrl } from './share-url.js';
import { format } from './i18n.js';

/**
 * Why a transfer ended without the credential. `code` names the case for the page and the tests; `guessesLeft` is
 * set on a wrong relay-assisted PIN (the recipient may try again while it is above 0).
 */
export class TransferError extends Error {
  /**
   * `key` names the message (web/i18n) a page shows in its own language; `message` is the English one.
   * @param {string} code @param {string} key @param {{guessesLeft?: number, values?: Record<string, string | number>}} [details]
   */
  constructor(code, key, { guessesLeft, values = {} } = {}) {
    super(format('en', key, values));
    this.name = 'TransferError';
    this.code = code;
    this.key = key;
    this.values = values;
    this.guessesLeft = guessesLeft;
  }
}

export const DEFAULT_TITLE = 'Something was shared with you';
export const DEFAULT_DESCRIPTION = 'Open this link to receive it. It can be opened once, on one device.';
// A host under .invalid never resolves (RFC 6761): the relay shows its own preview image instead (docs/relay.md).
export const DEFAULT_IMAGE = 'https://tigress.invalid/credential.png';

/** @param {unknown} error */
function mailboxGone(error) {
  return error instanceof MailboxError && error.status === 404;
}

/** The PIN a person typed, in normal form (6 to 32 digits), or a TransferError before any request is sent. @param {string | undefined} pin */
function typedPin(pin) {
  const normal = pin === undefined ? null : normalizePin(pin, null);
  if (normal === null) throw new TransferError('pin-required', 'error.pinRequired');
  return normal;
}

/** What the relay's refusal of a claim means to the person receiving. @param {unknown} error */
function claimRefused(error) {
  if (!(error instanceof MailboxError)) return error;
  if (error.status === 404) return new TransferError('gone', 'error.gone');
  if (error.code === 'wrong-claim') {
    return new TransferError('claimed', 'error.claimed');
  }
  if (error.code === 'pin-locked' || (error.code === 'wrong-pin' && error.guessesLeft === 0)) {
    return new TransferError('locked', 'error.locked', { guessesLeft: 0 });
  }
  if (error.code === 'wrong-pin') {
    const left = error.guessesLeft;
    return left === undefined
      ? new TransferError('wrong-pin', 'error.wrongPin')
      : new TransferError('wrong-pin', 'error.wrongPinLeft', { guessesLeft: left, values: { count: left } });
  }
  if (error.code === 'pin-required') {
    return new TransferError('pin-required', 'error.pinNotInLink');
  }
  return error;
}

/**
 * The relay-assisted PIN (section 12.6), before any claim: blind the PIN, have the relay evaluate it, finalize, and
 * derive the proof and the session key. Spends no guess. @param {ReturnType<typeof createMailboxClient>} client
 * @param {string} url @param {string} pin normal form @param {Uint8Array} secret
 */
async function proveRelayPin(client, url, pin, secret) {
  const blinded = blind(pin);
  let evaluated;
  try {
    evaluated = await client.evaluate(url, toBase64Url(blinded.blindedElement));
  } catch (error) {
    if (error instanceof MailboxError && error.code === 'invalid-request') {
      throw new TransferError('protocol-violation', 'error.relayPinMissing');
    }
    throw claimRefused(error);
  }
  const element = fromBase64Url(evaluated.evaluatedElement);
  const y = element === null ? null : await finalize(pin, blinded.blind, element);
  wipe(blinded.blind);
  if (y === null) throw new TransferError('protocol-violation', 'error.relayPinMalformed');
  const keys = await deriveRelayPinKeys(y, secret);
  wipe(y);
  return keys;
}

/**
 * Receives a share as its recipient. With a PIN (`link.pinMode`), `pin` is the PIN as typed; nothing is sent when
 * it is not 6 to 32 digits. A wrong relay-assisted PIN is a TransferError `wrong-pin` with `guessesLeft`, after
 * which the same link may be tried again. @param {import('./share-url.js').ShareLink} link
 * @param {{pin?: string, client?: ReturnType<typeof createMailboxClient>, onProgress?: (step: string) => void}} [options]
 * @returns {Promise<{token: Uint8Array, displayInformation: any, format: string, fileName: string | null}>}
 */
export async function receive(link, { pin, client = createMailboxClient(), onProgress = () => {} } = {}) {
  if (link.vertical !== 'a') {
    throw new TransferError('unsupported-format', link.vertical === 'c' ? 'error.carKey' : 'error.homeKey');
  }
  const mode = link.pinMode ?? (link.pin ? 'spake2' : null);
  // The PIN is checked here, before the first request: an empty or incomplete PIN sends nothing.
  const normal = mode === null ? null : typedPin(pin);
  /** @type {Uint8Array | null} */
  let w = null;
  if (mode === 'spake2') w = await derivePinScalar(/** @type {string} */ (normal), link.secret);
  const shareKey = await importShareKey(link.secret);
  const url = link.requestUrl;

  /** @type {Awaited<ReturnType<typeof createPinSessionCipher>> | null} */
  let session = null;
  /** @type {string | undefined} */
  let pinProof;
  if (mode === 'relay') {
    onProgress('pin-checking');
    const keys = await proveRelayPin(client, url, /** @type {string} */ (normal), link.secret);
    pinProof = toBase64Url(keys.proofKey);
    session = await createPinSessionCipher(keys.sessionKey);
    wipe(keys.proofKey);
    wipe(keys.sessionKey);
  }

  onProgress('claiming');
  let first;
  try {
    first = await client.read(url, { pinProof });
  } catch (error) {
    throw claimRefused(error);
  }
  if (first.status === 204 || !first.body) throw new TransferError('protocol-violation', 'error.empty');

  const plain0 = await openPayload(shareKey, 'i2r', 0, first.body.payload);
  // On the relay-assisted PIN, message 0 is sealed under Ks inside the payload too.
  const inner0 = plain0 && session ? await session.open('i2r', 0, plain0) : plain0;
  const message0 = inner0 && parseProvisioning(inner0);
  if (!message0) {
    // Not ours to open: let go, so that the rightful recipient can still claim it.
    await client.relinquish(url).catch(() => {});
    throw new TransferError('decryption-failed', 'error.damaged');
  }

  /** @param {string} code @param {string} reason @param {number} n */
  const cancel = async (code, reason, n) => {
    let bytes = encodeProvisioning(cancelMessage(code, reason));
    if (session) bytes = await session.seal('r2i', n, bytes);
    await client.update(url, { payload: await sealPayload(shareKey, 'r2i', n, bytes) }).catch(() => {});
  };

  if (!previewMatches(message0.displayInformation, first.body.displayInformation)) {
    await cancel('preview-mismatch', 'The preview the relay showed differs from what the sender wrote.', 0);
    throw new TransferError('preview-mismatch', 'error.previewChanged');
  }

  let content = message0;
  if (mode !== 'relay' && message0.format === Formats.pinStart) {
    if (w === null) {
      await client.relinquish(url).catch(() => {});
      throw new TransferError('pin-required', 'error.pinNotInLink');
    }
    const party = createPinParty('B', w, mailboxPinBinding(link.mailboxId));
    wipe(w);
    const pA = fromBase64Url(message0.content.share);
    let cB;
    try {
      if (pA === null) throw new Error('malformed share');
      cB = await party.finish(pA);
    } catch {
      await cancel('protocol-violation', 'The PIN exchange message is malformed.', 0);
      throw new TransferError('protocol-violation', 'error.pinExchangeMalformed');
    }
    onProgress('pin-sent');
    const answer = { format: Formats.pinAnswer, content: { share: toBase64Url(party.share), confirmation: toBase64Url(cB) } };
    await client.update(url, { payload: await sealPayload(shareKey, 'r2i', 0, encodeProvisioning(answer)) });

    const next = await waitForMessage(client, url, first.etag);
    if (next === null) throw new TransferError('wrong-pin', 'error.pinEnded');
    const plain1 = await openPayload(shareKey, 'i2r', 1, next.payload);
    const message1 = plain1 && parseProvisioning(plain1);
    if (message1 && message1.format === Formats.cancel) {
      throw new TransferError(message1.content?.code === 'wrong-pin' ? 'wrong-pin' : 'cancelled', message1.content?.code === 'wrong-pin' ? 'error.pinRejected' : 'error.senderCancelled');
    }
    const cA = message1 && message1.format === Formats.pinConfirm ? fromBase64Url(message1.content.confirmation) : null;
    const sealed = message1 && message1.format === Formats.pinConfirm ? fromBase64Url(message1.content.sealed) : null;
    if (!cA || !sealed) {
      await cancel('protocol-violation', 'The PIN confirmation is malformed.', 1);
      throw new TransferError('protocol-violation', 'error.pinConfirmationMalformed');
    }
    if (!party.verify(cA)) {
      await cancel('wrong-pin', 'The PIN confirmation does not match.', 1);
      throw new TransferError('wrong-pin', 'error.pinMismatch');
    }
    session = await createPinSessionCipher(await derivePinSessionKey(party.sharedKey(), link.secret));
    const inner = await session.open('i2r', 1, sealed);
    const opened = inner && parseProvisioning(inner);
    if (!opened) {
      await cancel('decryption-failed', 'The first message after the PIN exchange could not be opened.', 1);
      throw new TransferError('decryption-failed', 'error.firstMessageDamaged');
    }
    content = opened;
  }

  // After the SPAKE2 exchange the recipient's next message is r2i 1; with the relay-assisted PIN there is none.
  const n = session && mode === 'spake2' ? 1 : 0;
  /** @param {object} message */
  const write = async (message) => {
    let bytes = encodeProvisioning(message);
    if (session) bytes = await session.seal('r2i', n, bytes);
    await client.update(url, { payload: await sealPayload(shareKey, 'r2i', n, bytes) });
  };

  if (content.format === Formats.authorizationToken) {
    const token = readAuthorizationToken(content.content);
    if (token === null) {
      await write(cancelMessage('protocol-violation', 'The token is missing or malformed.'));
      throw new TransferError('protocol-violation', 'error.contentMalformed');
    }
    await write(completeMessage());
    onProgress('received');
    const name = typeof content.content?.name === 'string' ? fileNameOf(content.content.name) : null;
    return { token, displayInformation: first.body.displayInformation, format: content.format, fileName: name };
  }
  if (session === null) {
    // Leave the share to an app that understands it.
    await client.relinquish(url).catch(() => {});
  } else {
    await write(cancelMessage('unsupported-format', 'This format needs another app.'));
  }
  const needed = appNeededFor(content.format);
  throw new TransferError('unsupported-format', needed.key, { values: needed.values });
}

/**
 * Long-polls until the other side's next message; null when the mailbox is gone.
 * @param {ReturnType<typeof createMailboxClient>} client @param {string} url @param {string | null} etag
 */
async function waitForMessage(client, url, etag, deadline = Date.now() + 15 * 60 * 1000) {
  while (Date.now() < deadline) {
    try {
      const read = await client.read(url, { wait: 30, etag });
      if (read.status === 200 || read.status === 201) return { ...read.body, etag: read.etag };
    } catch (error) {
      if (mailboxGone(error)) return null;
      throw error;
    }
  }
  throw new TransferError('timeout', 'error.timeout');
}

/**
 * A shared file's base name as the sender wrote it, made safe to offer as a download name: no folder, no control
 * characters; null when nothing usable is left. @param {string} name
 */
export function fileNameOf(name) {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[/\\]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255) ?? '';
  return base === '' || base === '.' || base === '..' ? null : base;
}

/**
 * What the initiator needs to follow a share again after its page was closed, and to cancel it: the mailbox address,
 * the initiator's claim, the protection, the expiry, and the keys that open the recipient's answers as
 * non-extractable CryptoKeys (the share key and, with the relay-assisted PIN, Ks). Never the link's secret bytes, nor
 * the PIN: a page holding this can follow and end the share but cannot rebuild the link (docs/security.md).
 * @typedef {{urlLink: string, claim: string, shareKey: {key: CryptoKey, type: string}, sessionKey: CryptoKey | null,
 *   pinMode: 'spake2' | 'relay' | null, guesses: number | undefined, expires: string | null, title: string,
 *   createdAt: string}} KeptShare
 */

/**
 * Starts a share as its initiator: creates the mailbox and returns the link (and PIN) at once; `wait` then follows
 * the transfer to its end and deletes the mailbox. `pin` chooses the protection: false (none), true or 'spake2'
 * (the SPAKE2 PIN: the page must stay open to judge the one guess), or 'relay' (the relay-assisted PIN: the relay
 * counts `guesses`, and the recipient can receive while this side is offline). The content is `text`, or `bytes`
 * with `fileName` (the payload the command line's `--file` makes); `expiresIn` asks for an expiry in seconds (the
 * relay caps it at its maximum).
 * @param {string} relayBase
 * @param {{text?: string, bytes?: Uint8Array, fileName?: string, expiresIn?: number, title?: string, description?: string,
 *   imageURL?: string, pin?: boolean | 'spake2' | 'relay', pinLength?: number, guesses?: number,
 *   client?: ReturnType<typeof createMailboxClient>}} options
 */
export async function share(relayBase, { text, bytes, fileName, expiresIn, title, description, imageURL, pin = false, pinLength, guesses = RELAY_PIN_GUESSES, client = createMailboxClient() }) {
  /** @type {'spake2' | 'relay' | null} */
  const mode = pin === true ? 'spake2' : pin === false ? null : pin;
  const length = pinLength ?? (mode === 'relay' ? RELAY_PIN_DIGITS : PIN_LENGTH);
  if (mode !== null && (!Number.isSafeInteger(length) || length < 6 || length > 32)) throw new RangeError('A PIN has 6 to 32 digits.');
  // guesses x 10^-digits may not exceed 10^-6 (section 12.6), and a relay allows at most 10 guesses.
  if (mode === 'relay' && !isRelayPinAllowed(length, guesses)) {
    throw new RangeError(`${guesses} guesses at a ${length}-digit PIN give a guesser too good a chance (or more than 10 guesses): allow fewer guesses or a longer PIN.`);
  }
  if (expiresIn !== undefined && !(Number.isSafeInteger(expiresIn) && expiresIn > 0)) throw new RangeError('An expiry is a whole number of seconds above 0.');
  const displayInformation = {
    title: title?.trim() ? title.trim() : DEFAULT_TITLE,
    description: description?.trim() ? description.trim() : DEFAULT_DESCRIPTION,
    imageURL: imageURL?.trim() ? imageURL.trim() : DEFAULT_IMAGE,
  };
  const secret = crypto.getRandomValues(new Uint8Array(16));
  const shareKey = await importShareKey(secret);
  const first = authorizationToken(bytes ?? utf8(text ?? ''), displayInformation);
  const name = fileName === undefined ? null : fileNameOf(fileName);
  if (name !== null) first.content.name = name;
  const pinCode = mode !== null ? generatePin(length) : null;
  /** @type {ReturnType<typeof createPinParty> | null} */
  let party = null;
  /** @type {Awaited<ReturnType<typeof createPinSessionCipher>> | null} */
  let relaySession = null;
  let plain0 = encodeProvisioning(first);
  /** @type {{oprfKey: string, verifier: string, guesses: number} | undefined} */
  let pinProtection;
  if (mode === 'spake2') {
    // pA does not depend on the binding's AAD (the mailbox id the relay is about to choose); finish takes it later.
    const w = await derivePinScalar(/** @type {string} */ (pinCode), secret);
    party = createPinParty('A', w, new Uint8Array(0));
    wipe(w);
    plain0 = encodeProvisioning({ format: Formats.pinStart, content: { share: toBase64Url(party.share) }, displayInformation });
  } else if (mode === 'relay') {
    // The relay gets k and the verifier, never the secret; message 0 is the content itself, sealed under Ks too.
    const keys = await createRelayPinShare(/** @type {string} */ (pinCode), secret);
    pinProtection = { oprfKey: toBase64Url(keys.oprfKey), verifier: toBase64Url(keys.verifier), guesses };
    relaySession = await createPinSessionCipher(keys.sessionKey);
    wipe(keys.oprfKey);
    wipe(keys.sessionKey);
    plain0 = await relaySession.seal('i2r', 0, plain0);
  }
  const expiration = expiresIn === undefined ? undefined : new Date(Date.now() + expiresIn * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const created = await client.create(relayBase, {
    displayInformation,
    payload: await sealPayload(shareKey, 'i2r', 0, plain0),
    mailboxConfiguration: { accessRights: 'RWD', ...(expiration ? { expiration } : {}) },
    ...(pinProtection ? { pinProtection } : {}),
  });
  const link = formatShareUrl(created.urlLink, secret, { pin: mode });
  /** @type {KeptShare} */
  const kept = {
    urlLink: created.urlLink,
    claim: client.claim,
    shareKey,
    sessionKey: relaySession?.key ?? null,
    pinMode: mode,
    guesses: mode === 'relay' ? guesses : undefined,
    expires: expiration ?? null,
    title: displayInformation.title,
    createdAt: new Date().toISOString(),
  };
  return {
    link,
    pin: pinCode,
    pinMode: mode,
    guesses: mode === 'relay' ? guesses : undefined,
    urlLink: created.urlLink,
    kept,
    /**
     * Follows the transfer to its end and deletes the mailbox. Resolves with the outcome: 'received', 'wrong-pin'
     * (SPAKE2: the one guess was wrong), 'locked' (relay-assisted: the last guess was wrong), 'cancelled' (with the
     * recipient's reason), 'expired', or 'gone' (deleted under us). `onEvent` hears 'opened', 'relinquished',
     * 'pin-failed' (with `guessesLeft`), 'locked', 'pin-matched', 'wrong-pin' and 'received'.
     * @param {{onEvent?: (event: string, details?: {guessesLeft?: number}) => void, signal?: AbortSignal}} [options]
     * @returns {Promise<{outcome: string, reason?: string}>}
     */
    wait: (options) => follow(kept, client, { party, first, secret, mailboxId: created.urlLink.slice(created.urlLink.lastIndexOf('/') + 1) }, options),
    /** Ends the share now. */
    cancel: () => client.delete(created.urlLink),
  };
}

/**
 * A share this device made, taken up again from what its page kept: `wait` replays the mailbox's events from the
 * first (every wrong guess, the claim, the recipient's answer) and follows it to its end, as the page that made it
 * would have; `cancel` ends it. A SPAKE2 PIN answer cannot be judged any more (the exchange's secret went with the
 * page): the share is then ended with the outcome 'pin-unchecked'.
 * @param {KeptShare} kept @param {{client?: ReturnType<typeof createMailboxClient>}} [options]
 */
export function resumeShare(kept, { client = createMailboxClient({ claim: kept.claim }) } = {}) {
  return {
    /** @param {{onEvent?: (event: string, details?: {guessesLeft?: number}) => void, signal?: AbortSignal}} [options] */
    wait: (options) => follow(kept, client, null, options),
    cancel: () => client.delete(kept.urlLink),
  };
}

/**
 * The initiator's side after create: the mailbox's events until the end. `live` holds what only the page that made
 * the share has (the SPAKE2 party, message 0, the secret); null for a share taken up again.
 * @param {KeptShare} kept @param {ReturnType<typeof createMailboxClient>} client
 * @param {{party: ReturnType<typeof createPinParty> | null, first: object, secret: Uint8Array, mailboxId: string} | null} live
 * @param {{onEvent?: (event: string, details?: {guessesLeft?: number}) => void, signal?: AbortSignal}} [options]
 * @returns {Promise<{outcome: string, reason?: string}>}
 */
async function follow(kept, client, live, { onEvent = () => {}, signal } = {}) {
  const url = kept.urlLink;
  const shareKey = kept.shareKey;
  const mode = kept.pinMode;
  const party = live?.party ?? null;
  let received = 0;
  let etag = null;
  /** @type {{seal: (dir: 'i2r'|'r2i', n: number, p: Uint8Array) => Promise<Uint8Array>, open: (dir: 'i2r'|'r2i', n: number, p: Uint8Array) => Promise<Uint8Array | null>} | null} */
  let session = kept.sessionKey ? pinSessionCipher(kept.sessionKey) : null;
  /** @param {string} outcome @param {string} [reason] */
  const end = async (outcome, reason) => {
    await client.delete(url).catch(() => {});
    return { outcome, reason };
  };
  const gone = () => ({ outcome: kept.expires !== null && Date.parse(kept.expires) <= Date.now() ? 'expired' : 'gone' });
  try {
    for await (const event of client.events(url, { signal })) {
      if (event.event === 'claimed') onEvent('opened');
      if (event.event === 'relinquished') onEvent('relinquished');
      if (event.event === 'pin-failed') {
        // The relay counted a wrong proof; at 0 it has erased the content and locked the share.
        onEvent('pin-failed', { guessesLeft: event.guessesLeft });
        if (event.guessesLeft === 0) {
          onEvent('locked');
          return end('locked');
        }
      }
      if (event.event === 'expired') return { outcome: 'expired' };
      if (event.event === 'deleted') return { outcome: 'gone' };
      if (event.event !== 'updated' || event.side !== 'recipient') continue;

      const read = await client.read(url, { etag });
      if (read.status !== 200 && read.status !== 201) continue;
      etag = read.etag;
      let plain = await openPayload(shareKey, 'r2i', received, read.body.payload);
      if (plain === null) {
        // One ahead is a cancel written out of turn (section 4.2); anything else does not open.
        const ahead = await openPayload(shareKey, 'r2i', received + 1, read.body.payload);
        const aheadInner = ahead && session ? await session.open('r2i', received + 1, ahead) : ahead;
        const cancel = aheadInner && parseProvisioning(aheadInner);
        if (cancel && cancel.format === Formats.cancel) return end('cancelled', String(cancel.content?.reason ?? '').slice(0, 200));
        return end('failed', 'The recipient\'s message could not be opened.');
      }
      const n = received++;
      if (session !== null) {
        const inner = await session.open('r2i', n, plain);
        if (inner === null) {
          // Only the SPAKE2 PIN lets a recipient without Ks cancel as r2i 1 under the link's secret alone.
          const bare = parseProvisioning(plain);
          if (!(mode === 'spake2' && n === 1 && bare && bare.format === Formats.cancel)) return end('failed', 'The recipient\'s message could not be opened.');
        } else {
          plain = inner;
        }
      }
      const message = parseProvisioning(plain);
      if (!message) return end('failed', 'The recipient\'s message is malformed.');
      if (message.format === Formats.complete) {
        onEvent('received');
        return end('received');
      }
      if (message.format === Formats.cancel) {
        const code = String(message.content?.code ?? '');
        if (code === 'wrong-pin') onEvent('wrong-pin');
        return end(code === 'wrong-pin' ? 'wrong-pin' : 'cancelled', String(message.content?.reason ?? '').slice(0, 200));
      }
      if (mode === 'spake2' && session === null && n === 0 && message.format === Formats.pinAnswer) {
        // Taken up again after the page that made it closed: nobody can judge this answer, so nobody gets the content.
        if (live === null || party === null) return end('pin-unchecked');
        // The one and only guess: a bad share or a wrong confirmation ends the share.
        const pB = fromBase64Url(message.content?.share);
        const cB = fromBase64Url(message.content?.confirmation);
        let cA = null;
        try {
          if (pB !== null && cB !== null) {
            cA = await party.finish(pB, mailboxPinBinding(live.mailboxId));
            if (!party.verify(cB)) cA = null;
          }
        } catch {
          cA = null;
        }
        if (cA === null) {
          onEvent('wrong-pin');
          const rejection = cancelMessage('wrong-pin', 'A wrong PIN was tried; the share was ended.');
          await client.update(url, { payload: await sealPayload(shareKey, 'i2r', 1, encodeProvisioning(rejection)) }).catch(() => {});
          return end('wrong-pin');
        }
        session = await createPinSessionCipher(await derivePinSessionKey(party.sharedKey(), live.secret));
        const sealed = await session.seal('i2r', 1, encodeProvisioning(live.first));
        const confirm = { format: Formats.pinConfirm, content: { confirmation: toBase64Url(cA), sealed: toBase64Url(sealed) } };
        await client.update(url, { payload: await sealPayload(shareKey, 'i2r', 1, encodeProvisioning(confirm)) });
        onEvent('pin-matched');
        continue;
      }
      return end('failed', 'The recipient sent a message out of order.');
    }
  } catch (error) {
    if (mailboxGone(error)) return gone();
    throw error;
  }
  return gone();
}
