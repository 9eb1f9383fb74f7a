// The relay-assisted PIN (docs/protocol.md section 12.6): the RFC 9497 OPRF in mode OPRF with suite P256-SHA256, and
// the key schedule on top of it, exactly as src/Tigress.Protocol/Pake/Oprf and Pake/RelayAssisted. Hash-to-curve
// (RFC 9380 P256_XMD:SHA-256_SSWU_RO_) and P-256 arithmetic come from @noble/curves; SHA-256 and HKDF from WebCrypto.
//
//   recipient                                            relay (holds k)
//   { blind, blindedElement } = blind(pin)   ---- blindedElement ---->
//                                            <--- evaluatedElement = k * blindedElement
//   y = await finalize(pin, blind, evaluatedElement)
//   { proofKey, sessionKey } = await deriveRelayPinKeys(y, secret)      proofKey goes out as pinProof on the claim
//
//   initiator: { oprfKey, verifier, sessionKey } = await createRelayPinShare(pin, secret)

import { p256_hasher } from '@noble/curves/nist.js';
import { concat, utf8, wipe } from './bytes.js';
import { expandLabel, hkdfExtract, sha256 } from './hkdf.js';
import { ORDER, fromScalar, randomScalar, toScalar } from './spake2.js';

const Point = p256_hasher.Point;
const Fn = Point.Fn;

/** The length of an element: a compressed SEC1 point. */
export const ELEMENT_LENGTH = 33;

/** RFC 9497 section 4.3: "HashToGroup-" || contextString, contextString = "OPRFV1-" || 0x00 || "-P256-SHA256". */
const HASH_TO_GROUP_DST = utf8('HashToGroup-OPRFV1-\u0000-P256-SHA256');
const FINALIZE = utf8('Finalize');

/** Defaults of section 12.6: a 7-digit PIN and 3 guesses; the relay allows at most 10. */
export const RELAY_PIN_DIGITS = 7;
export const RELAY_PIN_GUESSES = 3;
export const RELAY_PIN_MAX_GUESSES = 10;

/**
 * Whether a share may combine a PIN of `digits` digits with `guesses` guesses: guesses × 10^-digits ≤ 10^-6, with
 * 6 to 32 digits and 1 to 10 guesses. @param {number} digits @param {number} guesses
 */
export function isRelayPinAllowed(digits, guesses) {
  if (!Number.isInteger(digits) || !Number.isInteger(guesses)) return false;
  if (digits < 6 || digits > 32 || guesses < 1 || guesses > RELAY_PIN_MAX_GUESSES) return false;
  return guesses <= 10 ** Math.min(digits - 6, 2);
}

/** The OPRF input: a PIN in normal form as ASCII, or raw bytes. @param {string | Uint8Array} input */
function inputBytes(input) {
  if (input instanceof Uint8Array) {
    if (input.length > 0xffff) throw new Error('An OPRF input is at most 65535 bytes.');
    return input;
  }
  if (!/^[0-9]{6,32}$/.test(input)) throw new Error('A PIN is 6 to 32 ASCII digits, in normal form.');
  return utf8(input);
}

/** A compressed point on P-256 other than the identity, or null. @param {Uint8Array} bytes */
function parseElement(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== ELEMENT_LENGTH || (bytes[0] !== 2 && bytes[0] !== 3)) return null;
  try {
    const point = Point.fromBytes(bytes);
    return point.is0() ? null : point;
  } catch {
    return null;
  }
}

/** HashToGroup (RFC 9497 section 4.3). @param {Uint8Array} input */
const hashToGroup = (input) => p256_hasher.hashToCurve(input, { DST: HASH_TO_GROUP_DST });

/** Finalize's hash: SHA-256(len(input) || input || len(N) || N || "Finalize"), lengths as 2 bytes big-endian. */
function finalizeHash(/** @type {Uint8Array} */ input, /** @type {Uint8Array} */ unblinded) {
  const length = (/** @type {number} */ n) => Uint8Array.of(n >> 8, n & 0xff);
  return sha256(concat(length(input.length), input, length(unblinded.length), unblinded, FINALIZE));
}

/**
 * The client's first step: blinds the input (a PIN in normal form) with a fresh scalar. Keep `blind` secret and wipe it
 * after `finalize`; send `blindedElement`. @param {string | Uint8Array} input @param {bigint} [fixedBlind] for tests only
 * @returns {{ blind: Uint8Array, blindedElement: Uint8Array }}
 */
export function blind(input, fixedBlind) {
  const r = fixedBlind ?? randomScalar();
  if (r <= 0n || r >= ORDER) throw new Error('A blind is a scalar from 1 to n - 1.');
  const blindedElement = hashToGroup(inputBytes(input)).multiply(r).toBytes(true);
  return { blind: fromScalar(r), blindedElement };
}

/**
 * The server's step, for the initiator's own checks and the tests: k * blindedElement, or null when the element is not
 * a compressed point other than the identity. @param {Uint8Array} oprfKey @param {Uint8Array} blindedElement
 */
export function blindEvaluate(oprfKey, blindedElement) {
  const point = parseElement(blindedElement);
  return point === null ? null : point.multiply(validKey(oprfKey)).toBytes(true);
}

/**
 * The client's last step: y = Finalize(input, blind^-1 * evaluatedElement), 32 bytes; null when the relay's element is
 * not a valid point. @param {string | Uint8Array} input @param {Uint8Array} blindBytes @param {Uint8Array} evaluatedElement
 * @returns {Promise<Uint8Array | null>}
 */
export async function finalize(input, blindBytes, evaluatedElement) {
  const point = parseElement(evaluatedElement);
  if (point === null) return null;
  const unblinded = point.multiply(Fn.inv(toScalar(blindBytes))).toBytes(true);
  return finalizeHash(inputBytes(input), unblinded);
}

/** The OPRF output computed by the key holder: Finalize(input, k * HashToGroup(input)). @param {Uint8Array} oprfKey @param {string | Uint8Array} input */
export function evaluate(oprfKey, input) {
  const bytes = inputBytes(input);
  return finalizeHash(bytes, hashToGroup(bytes).multiply(validKey(oprfKey)).toBytes(true));
}

/** The key as a scalar in [1, n); throws otherwise. @param {Uint8Array} oprfKey */
function validKey(oprfKey) {
  const k = oprfKey instanceof Uint8Array && oprfKey.length === 32 ? toScalar(oprfKey) : 0n;
  if (k <= 0n || k >= ORDER) throw new Error('An OPRF key is 32 bytes encoding a scalar from 1 to n - 1.');
  return k;
}

/**
 * PRK = HKDF-Extract(salt = y, IKM = secret); proofKey and sessionKey = HKDF-Expand-Label(PRK, "relay pin proof" or
 * "relay pin session", "", 32). @param {Uint8Array} y @param {Uint8Array} secret
 */
export async function deriveRelayPinKeys(y, secret) {
  if (y.length !== 32) throw new Error('y is 32 bytes');
  if (secret.length !== 16 && secret.length !== 32) throw new Error('A share key is 16 or 32 bytes.');
  const prk = await hkdfExtract(y, secret);
  const proofKey = await expandLabel(prk, 'relay pin proof', new Uint8Array(0), 32);
  const sessionKey = await expandLabel(prk, 'relay pin session', new Uint8Array(0), 32);
  wipe(prk);
  return { proofKey, sessionKey };
}

/**
 * The initiator's side: a fresh OPRF key k, the verifier SHA-256(proofKey) for the relay, and the session key Ks.
 * `oprfKey` and `verifier` go into the create request's pinProtection; wipe `oprfKey` once it is sent.
 * @param {string} pin in normal form @param {Uint8Array} secret the share key from the link @param {Uint8Array} [fixedKey] for tests only
 */
export async function createRelayPinShare(pin, secret, fixedKey) {
  const oprfKey = fixedKey ?? fromScalar(randomScalar());
  const y = await evaluate(oprfKey, pin);
  const { proofKey, sessionKey } = await deriveRelayPinKeys(y, secret);
  const verifier = await sha256(proofKey);
  wipe(y);
  wipe(proofKey);
  return { oprfKey, verifier, sessionKey };
}
