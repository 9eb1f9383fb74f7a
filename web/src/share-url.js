// The share URL (docs/protocol.md section 3): https://{relay}{prefix}/v1/m/{id}?v={a|h|c}[&p=1|&p=2]#{secret}

import { fromBase64, fromBase64Url, toBase64Url } from './bytes.js';

const MAILBOX_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The vertical hints of the `v` parameter. */
export const Verticals = Object.freeze({ a: 'general access', h: 'home key', c: 'car key' });

/** Is this host a loopback address, where plain http is allowed? @param {string} hostname */
export function isLoopbackHost(hostname) {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Decodes a share secret: base64url with or without padding, or standard base64 with padding, never mixed; 16 or
 * 32 bytes. @param {string} text @returns {Uint8Array | null}
 */
export function decodeSecret(text) {
  let decoded;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return null;
  }
  let bytes = null;
  if (/[+/]/.test(decoded)) {
    bytes = fromBase64(decoded);
  } else {
    const unpadded = decoded.replace(/=+$/, '');
    bytes = fromBase64Url(unpadded);
    // Padding, when present, must be exactly right.
    if (bytes !== null && unpadded !== decoded && decoded.length !== Math.ceil(unpadded.length / 4) * 4) bytes = null;
  }
  return bytes !== null && (bytes.length === 16 || bytes.length === 32) ? bytes : null;
}

/**
 * @typedef {object} ShareLink
 * @property {string} requestUrl the mailbox's request URL (no query, no fragment)
 * @property {string} mailboxId
 * @property {'a'|'h'|'c'} vertical
 * @property {boolean} pin whether the share asks for a PIN (p=1 or p=2)
 * @property {PinMode} pinMode how the PIN protects it: 'spake2' (p=1, section 12), 'relay' (p=2, section 12.6) or
 *   null (no PIN)
 * @property {Uint8Array} secret
 */

/** @typedef {'spake2' | 'relay' | null} PinMode */

/** The value of `p` for each PIN mode. */
const PIN_FLAGS = /** @type {const} */ ({ spake2: '1', relay: '2' });

/**
 * Parses a share URL; throws an Error with a plain message when it is not one. The fragment is read here and never
 * returned as text. @param {string} text @returns {ShareLink}
 */
export function parseShareUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error('This is not a share link.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new Error('A share link uses https.');
  }
  if (url.username || url.password) throw new Error('A share link carries no user name or password.');
  const segments = url.pathname.split('/');
  const mailboxId = segments[segments.length - 1];
  if (segments.length < 4 || segments[segments.length - 2] !== 'm' || segments[segments.length - 3] !== 'v1' || !MAILBOX_ID.test(mailboxId)) {
    throw new Error('This link does not name a mailbox.');
  }
  const v = url.searchParams.getAll('v');
  const p = url.searchParams.getAll('p');
  if (v.length > 1 || p.length > 1) throw new Error('The link names its vertical or PIN flag twice.');
  const vertical = v.length === 0 ? 'a' : v[0];
  if (vertical !== 'a' && vertical !== 'h' && vertical !== 'c') throw new Error('The link names an unknown vertical.');
  if (p.length === 1 && p[0] !== '0' && p[0] !== '1' && p[0] !== '2') throw new Error('The link has a malformed PIN flag.');
  /** @type {PinMode} */
  const pinMode = p[0] === '1' ? 'spake2' : p[0] === '2' ? 'relay' : null;
  const secret = decodeSecret(url.hash.replace(/^#/, ''));
  if (secret === null) throw new Error('The link has no valid key after the #.');
  return { requestUrl: `${url.origin}${url.pathname}`, mailboxId, vertical, pin: pinMode !== null, pinMode, secret };
}

/**
 * Builds a share URL from the relay's urlLink. `pin` is the PIN mode (true is the SPAKE2 PIN, p=1).
 * @param {string} urlLink @param {Uint8Array} secret
 * @param {{vertical?: 'a'|'h'|'c', pin?: boolean | PinMode}} [options]
 */
export function formatShareUrl(urlLink, secret, { vertical = 'a', pin = null } = {}) {
  const mode = pin === true ? 'spake2' : pin === false ? null : pin;
  return `${urlLink}?v=${vertical}${mode ? `&p=${PIN_FLAGS[mode]}` : ''}#${toBase64Url(secret)}`;
}
