// PIN-protected shares (docs/protocol.md section 12): the PIN, the password scalar w, the binding's SPAKE2 AAD, the
// session key Ks and the session layer that seals every message after the exchange a second time.

import { utf8, wipe } from './bytes.js';
import { expandLabel, hkdfExtract } from './hkdf.js';
import { gcmOpen, gcmSeal, payloadAad } from './payload.js';
import { ORDER, createSpake2, fromScalar, toScalar } from './spake2.js';

export const PIN_LENGTH = 6;
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 32;
export const PIN_ITERATIONS = 100000;
export const INITIATOR_IDENTITY = utf8('tigress initiator');
export const RECIPIENT_IDENTITY = utf8('tigress recipient');

/** A fresh PIN of uniform ASCII digits. */
export function generatePin(length = PIN_LENGTH) {
  let pin = '';
  while (pin.length < length) {
    const byte = crypto.getRandomValues(new Uint8Array(1))[0];
    if (byte < 250) pin += String(byte % 10); // 250 = 25 * 10: no modulo bias
  }
  return pin;
}

/** The value of a decimal digit of any script, or -1. @param {string} c */
function digitValue(c) {
  if (!/^\p{Nd}$/u.test(c)) return -1;
  // Unicode puts each script's digits 0 to 9 in a run of consecutive code points; find where the run starts.
  let cp = /** @type {number} */ (c.codePointAt(0));
  let zero = cp;
  while (zero > 0 && /^\p{Nd}$/u.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/**
 * The PIN in normal form (white space and dashes dropped, digits of any script made ASCII), or null when it is not
 * `expectedLength` digits; with `expectedLength` null, any length from 6 to 32 digits (the link does not say how
 * long the PIN is). @param {string} typed @param {number | null} [expectedLength]
 */
export function normalizePin(typed, expectedLength = PIN_LENGTH) {
  let out = '';
  for (const c of typed) {
    if (/^[\s\p{Pd}]$/u.test(c)) continue;
    const d = digitValue(c);
    if (d < 0) return null;
    out += String(d);
    if (out.length > PIN_MAX_LENGTH) return null;
  }
  if (expectedLength === null) return out.length >= PIN_MIN_LENGTH ? out : null;
  return out.length === expectedLength ? out : null;
}

/** w = PBKDF2-HMAC-SHA256(PIN, HKDF-Expand-Label(secret, "pin salt", "", 32), 100000, 48) mod p, 32 bytes. */
export async function derivePinScalar(/** @type {string} */ pin, /** @type {Uint8Array} */ secret) {
  if (!/^[0-9]{6,32}$/.test(pin)) throw new Error('A PIN is 6 to 32 ASCII digits.');
  const salt = await expandLabel(secret, 'pin salt', new Uint8Array(0), 32);
  const key = await crypto.subtle.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveBits']);
  const wide = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: PIN_ITERATIONS }, key, 384));
  const w = fromScalar(toScalar(wide) % ORDER);
  wipe(wide);
  wipe(salt);
  return w;
}

/** The SPAKE2 AAD of the mailbox binding. @param {string} mailboxId */
export const mailboxPinBinding = (mailboxId) => utf8(`tigress-pin/1 mailbox ${mailboxId}`);

/** Ks = HKDF-Expand-Label(HKDF-Extract(Ke, secret), "tigress pin session", "", 32). */
export async function derivePinSessionKey(/** @type {Uint8Array} */ ke, /** @type {Uint8Array} */ secret) {
  const prk = await hkdfExtract(ke, secret);
  const ks = await expandLabel(prk, 'tigress pin session', new Uint8Array(0), 32);
  wipe(prk);
  return ks;
}

/** The session layer: AES-256-GCM under Ks with the AAD "tigress-pin/1 {dir} {n}". @param {Uint8Array} ks */
export async function createPinSessionCipher(ks) {
  if (ks.length !== 32) throw new Error('Ks is 32 bytes');
  return pinSessionCipher(await crypto.subtle.importKey('raw', ks, 'AES-GCM', false, ['encrypt', 'decrypt']));
}

/** The session layer over a Ks already imported (kept by a share page as a non-extractable key). @param {CryptoKey} key */
export function pinSessionCipher(key) {
  return {
    key,
    /** @param {'i2r'|'r2i'} dir @param {number} n @param {Uint8Array} plaintext @param {Uint8Array} [iv] */
    seal: (dir, n, plaintext, iv) => gcmSeal(key, payloadAad(dir, n, 'tigress-pin/1'), plaintext, iv),
    /** @param {'i2r'|'r2i'} dir @param {number} n @param {Uint8Array} inner */
    open: (dir, n, inner) => gcmOpen(key, payloadAad(dir, n, 'tigress-pin/1'), inner),
  };
}

/** The initiator's (A) or recipient's (B) side of the PIN exchange. @param {'A'|'B'} role @param {Uint8Array} w @param {Uint8Array} binding */
export const createPinParty = (role, w, binding) => createSpake2(role, w, INITIATOR_IDENTITY, RECIPIENT_IDENTITY, binding);

