// SPAKE2 with key confirmation (RFC 9382), ciphersuite SPAKE2-P256-SHA256-HKDF-HMAC, exactly as
// src/Tigress.Protocol/Pake (docs/protocol.md section 12.3). P-256 arithmetic comes from @noble/curves; hashing,
// HKDF and HMAC from WebCrypto.
//
//   A (initiator)                                   B (recipient)
//   a = createSpake2('A', w, idA, idB, aad)          b = createSpake2('B', ...)
//   a.share                       ---- pA ---->      cB = await b.finish(pA)
//   cA = await a.finish(pB); a.verify(cB)  <-- pB, cB --
//                                 ---- cA ---->      b.verify(cA)
//   a.sharedKey() == b.sharedKey() == Ke
//
// A run never restarts: a bad share or a wrong confirmation ends it (one guess per share).

import { p256 } from '@noble/curves/nist.js';
import { concat, constantTimeEqual, fromHex, toHex, utf8, wipe } from './bytes.js';
import { hkdfExpand, hkdfExtract, hmac, sha256 } from './hkdf.js';

const Point = p256.Point;
/** The order p of P-256. */
export const ORDER = Point.Fn.ORDER;
const M = Point.fromBytes(fromHex('02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f'));
const N = Point.fromBytes(fromHex('03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49'));

/** @param {Uint8Array} bytes */
export const toScalar = (bytes) => BigInt('0x' + (toHex(bytes) || '0'));

/** @param {bigint} n @returns {Uint8Array} 32 bytes big-endian */
export const fromScalar = (n) => fromHex(n.toString(16).padStart(64, '0'));

/** A uniform scalar in [1, p). */
export function randomScalar() {
  for (;;) {
    const candidate = toScalar(crypto.getRandomValues(new Uint8Array(32)));
    if (candidate > 0n && candidate < ORDER) return candidate;
  }
}

/** Parses a share: a 65-byte uncompressed point on the curve, not the point at infinity; null otherwise. @param {Uint8Array} bytes */
export function parseShare(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 65 || bytes[0] !== 4) return null;
  try {
    const point = Point.fromBytes(bytes);
    point.assertValidity();
    return point.is0() ? null : point;
  } catch {
    return null;
  }
}

/** len(X) as 8 bytes little-endian, then X. @param {Uint8Array} x */
function lengthPrefixed(x) {
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setUint32(0, x.length, true);
  return concat(prefix, x);
}

/** The transcript TT (RFC 9382 section 3.3). @param {Uint8Array[]} parts A, B, pA, pB, K, w */
export const transcript = (...parts) => concat(...parts.map(lengthPrefixed));

/**
 * Ke, Ka, KcA, KcB from TT (RFC 9382 section 4). @param {Uint8Array} tt @param {Uint8Array} aad
 */
export async function deriveKeys(tt, aad) {
  const hash = await sha256(tt);
  const ke = hash.slice(0, 16);
  const ka = hash.slice(16, 32);
  const confirmationKeys = await hkdfExpand(await hkdfExtract(new Uint8Array(0), ka), concat(utf8('ConfirmationKeys'), aad), 32);
  return { ke, ka, kcA: confirmationKeys.slice(0, 16), kcB: confirmationKeys.slice(16, 32) };
}

/**
 * One party of SPAKE2. @param {'A'|'B'} role @param {Uint8Array} w 32 bytes, in [1, p)
 * @param {Uint8Array} identityA @param {Uint8Array} identityB @param {Uint8Array} [aad]
 * @param {bigint} [ephemeral] fixed only by the known-answer tests
 */
export function createSpake2(role, password, identityA, identityB, aad = new Uint8Array(0), ephemeral = randomScalar()) {
  // A copy: the caller may wipe its w at once, and w is part of the transcript.
  const w = password.slice();
  const wScalar = toScalar(w);
  if (w.length !== 32 || wScalar <= 0n || wScalar >= ORDER) throw new Error('w is 32 bytes in [1, p)');
  if (ephemeral <= 0n || ephemeral >= ORDER) throw new Error('the ephemeral scalar is in [1, p)');
  const own = role === 'A' ? M : N;
  const other = role === 'A' ? N : M;
  const share = Point.BASE.multiply(ephemeral).add(own.multiply(wScalar)).toBytes(false);
  /** @type {Uint8Array | null} */
  let expected = null;
  /** @type {Uint8Array | null} */
  let ke = null;
  let state = 'awaiting-share';

  return {
    role,
    share,
    /**
     * Computes this side's confirmation from the peer's share; throws on an invalid share (which ends the run). The
     * associated data enters only here, so an initiator may learn it (the mailbox id) after sending its share.
     * @param {Uint8Array} peerShare @param {Uint8Array} [associatedData]
     */
    async finish(peerShare, associatedData = aad) {
      if (state !== 'awaiting-share') throw new Error(`finish is not allowed: ${state}`);
      state = 'failed';
      const peer = parseShare(peerShare);
      if (peer === null) throw new Error('The peer\'s SPAKE2 share is not a point on P-256.');
      const k = peer.subtract(other.multiply(wScalar)).multiply(ephemeral);
      if (k.is0()) throw new Error('The SPAKE2 shared point is the point at infinity.');
      const shareA = role === 'A' ? share : peerShare;
      const shareB = role === 'A' ? peerShare : share;
      const tt = transcript(identityA, identityB, shareA, shareB, k.toBytes(false), w);
      const keys = await deriveKeys(tt, associatedData);
      wipe(w);
      const mine = await hmac(role === 'A' ? keys.kcA : keys.kcB, tt);
      expected = await hmac(role === 'A' ? keys.kcB : keys.kcA, tt);
      ke = keys.ke;
      wipe(tt);
      wipe(keys.ka);
      wipe(keys.kcA);
      wipe(keys.kcB);
      state = 'awaiting-confirmation';
      return mine;
    },
    /** Checks the peer's confirmation in constant time. @param {Uint8Array} confirmation */
    verify(confirmation) {
      if (state !== 'awaiting-confirmation' || expected === null) throw new Error(`verify is not allowed: ${state}`);
      const ok = confirmation instanceof Uint8Array && constantTimeEqual(confirmation, expected);
      wipe(expected);
      if (!ok) {
        wipe(ke);
        state = 'failed';
        return false;
      }
      state = 'verified';
      return true;
    },
    /** Ke, released only once the peer's confirmation verified. */
    sharedKey() {
      if (state !== 'verified' || ke === null) throw new Error(`the shared key is not available: ${state}`);
      return ke.slice();
    },
  };
}
