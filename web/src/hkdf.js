// HKDF-Expand-Label (RFC 8446 section 7.1, docs/protocol.md section 11.3) and HKDF-Extract over WebCrypto HMAC.
// WebCrypto's own HKDF always runs Extract first, so Expand is written out from HMAC.

import { concat, utf8 } from './bytes.js';

/** @param {Uint8Array} key @param {Uint8Array} data @param {'SHA-256'|'SHA-384'} [hash] */
export async function hmac(key, data, hash = 'SHA-256') {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data));
}

/** @param {Uint8Array} data */
export const sha256 = async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));

/** RFC 5869 HKDF-Extract. @param {Uint8Array} salt @param {Uint8Array} ikm */
export const hkdfExtract = (salt, ikm) => hmac(salt.length === 0 ? new Uint8Array(32) : salt, ikm);

/** RFC 5869 HKDF-Expand. @param {Uint8Array} prk @param {Uint8Array} info @param {number} length */
export async function hkdfExpand(prk, info, length, hash = /** @type {'SHA-256'|'SHA-384'} */ ('SHA-256')) {
  const blocks = [];
  let previous = new Uint8Array(0);
  let total = 0;
  for (let i = 1; total < length; i++) {
    previous = await hmac(prk, concat(previous, info, Uint8Array.of(i)), hash);
    blocks.push(previous);
    total += previous.length;
  }
  return concat(...blocks).slice(0, length);
}

/** @param {Uint8Array} secret @param {string} label @param {Uint8Array} context @param {number} length */
export function expandLabel(secret, label, context, length, hash = /** @type {'SHA-256'|'SHA-384'} */ ('SHA-256')) {
  const fullLabel = utf8(`tls13 ${label}`);
  const info = concat(Uint8Array.of(length >> 8, length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context);
  return hkdfExpand(secret, info, length, hash);
}
