// Byte helpers shared by the protocol modules: UTF-8, hex, base64 (RFC 4648 sections 4 and 5), concatenation and a
// constant-time comparison. docs/protocol.md section 2 names the encodings.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** @param {string} text @returns {Uint8Array} */
export const utf8 = (text) => encoder.encode(text);

/** @param {Uint8Array} bytes @returns {string} throws on malformed UTF-8 */
export const fromUtf8 = (bytes) => decoder.decode(bytes);

/** @param {string} hex @returns {Uint8Array} */
export function fromHex(hex) {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

/** @param {Uint8Array} bytes @returns {string} */
export const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** @param {...Uint8Array} parts @returns {Uint8Array} */
export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Standard base64 with padding. @param {Uint8Array} bytes */
export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Strict standard base64 with padding; null when malformed. @param {string} text @returns {Uint8Array | null} */
export function fromBase64(text) {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  let binary;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // Refuse non-canonical spellings (stray bits in the last character).
  return toBase64(out) === text ? out : null;
}

/** base64url without padding. @param {Uint8Array} bytes */
export const toBase64Url = (bytes) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Strict, canonical base64url without padding; null when malformed. @param {string} text */
export function fromBase64Url(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = fromBase64(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  return bytes !== null && toBase64Url(bytes) === text ? bytes : null;
}

/** Compares two byte strings in time that depends on their length only. @param {Uint8Array} a @param {Uint8Array} b */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Overwrites a secret buffer once it is spent. @param {Uint8Array | null | undefined} bytes */
export function wipe(bytes) {
  if (bytes) bytes.fill(0);
}
