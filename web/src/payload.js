// Payload sealing (docs/protocol.md section 4): AES-GCM with a fresh 96-bit IV, a 128-bit tag and the AAD
// "tigress-mailbox/1 {dir} {n}". WebCrypto does the cipher; the key is imported non-extractable.

import { concat, fromBase64, toBase64, utf8 } from './bytes.js';

/** @typedef {'i2r' | 'r2i'} Direction */

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** @param {Direction} dir @param {number} n @param {string} [label] */
export function payloadAad(dir, n, label = 'tigress-mailbox/1') {
  if (dir !== 'i2r' && dir !== 'r2i') throw new Error('direction is i2r or r2i');
  if (!Number.isSafeInteger(n) || n < 0) throw new Error('the message number is a non-negative integer');
  return utf8(`${label} ${dir} ${n}`);
}

/** The payload type for a key length. @param {number} length */
export function payloadType(length) {
  if (length === 16) return 'AEAD_AES_128_GCM';
  if (length === 32) return 'AEAD_AES_256_GCM';
  throw new Error('a share key is 16 or 32 bytes');
}

/**
 * A share key: the raw bytes stay inside a non-extractable CryptoKey.
 * @param {Uint8Array} secret @returns {Promise<{key: CryptoKey, type: string}>}
 */
export async function importShareKey(secret) {
  const type = payloadType(secret.length);
  const key = await crypto.subtle.importKey('raw', secret, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { key, type };
}

/**
 * IV || ciphertext || tag. @param {CryptoKey} key @param {Uint8Array} aad @param {Uint8Array} plaintext
 * @param {Uint8Array} [iv] fixed only in tests
 */
export async function gcmSeal(key, aad, plaintext, iv = crypto.getRandomValues(new Uint8Array(IV_LENGTH))) {
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, plaintext);
  return concat(iv, new Uint8Array(sealed));
}

/** The plaintext, or null when it does not open. @param {CryptoKey} key @param {Uint8Array} aad @param {Uint8Array} data */
export async function gcmOpen(key, aad, data) {
  if (data.length < IV_LENGTH + TAG_LENGTH) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: data.subarray(0, IV_LENGTH), additionalData: aad, tagLength: 128 },
      key,
      data.subarray(IV_LENGTH),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/**
 * Seals one message into a payload object. @param {{key: CryptoKey, type: string}} shareKey @param {Direction} dir
 * @param {number} n @param {Uint8Array} plaintext @param {Uint8Array} [iv]
 */
export async function sealPayload(shareKey, dir, n, plaintext, iv) {
  return { type: shareKey.type, data: toBase64(await gcmSeal(shareKey.key, payloadAad(dir, n), plaintext, iv)) };
}

/**
 * Opens a payload object; null when it does not open with this direction and number.
 * @param {{key: CryptoKey, type: string}} shareKey @param {Direction} dir @param {number} n @param {any} payload
 */
export async function openPayload(shareKey, dir, n, payload) {
  if (!payload || payload.type !== shareKey.type || typeof payload.data !== 'string') return null;
  const data = fromBase64(payload.data);
  return data === null ? null : gcmOpen(shareKey.key, payloadAad(dir, n), data);
}
