// Provisioning Information (docs/protocol.md section 5): the JSON envelope inside every payload, the honest-preview
// comparison, and the generic vertical's content (section 6.1).

import { fromBase64, fromUtf8, toBase64, utf8 } from './bytes.js';

export const Formats = Object.freeze({
  authorizationToken: 'digitalwallet.generic.authorizationToken',
  carKey: 'digitalwallet.carkey.ccc',
  complete: 'tigress.control.complete',
  cancel: 'tigress.control.cancel',
  pinStart: 'tigress.pin.start',
  pinAnswer: 'tigress.pin.answer',
  pinConfirm: 'tigress.pin.confirm',
});

/** The message (web/i18n) naming the app a format needs when this client cannot take it. @param {string} format */
export function appNeededFor(format) {
  if (format === Formats.carKey) return { key: 'error.needsCarKeyApp', values: {} };
  if (format.startsWith('digitalwallet.homekey') || format.startsWith('digitalwallet.home')) return { key: 'error.needsHomeKeyApp', values: {} };
  return { key: 'error.needsApp', values: { format } };
}

/**
 * Does a JSON text name any key twice in one object? JSON.parse keeps the last value silently; the protocol refuses.
 * @param {string} text
 */
function hasDuplicateKeys(text) {
  /** @type {Set<string>[]} */
  const stack = [];
  const token = /"(?:[^"\\]|\\.)*"\s*:?|[{}[\]]/g;
  let match;
  while ((match = token.exec(text)) !== null) {
    const t = match[0];
    if (t === '{') stack.push(new Set());
    else if (t === '[') stack.push(new Set(['[']));
    else if (t === '}' || t === ']') stack.pop();
    else if (t.endsWith(':')) {
      const top = stack[stack.length - 1];
      const key = JSON.parse(t.slice(0, -1).trim());
      if (top.has(key)) return true;
      top.add(key);
    }
  }
  return false;
}

/**
 * Parses one envelope; null when it is not one. @param {Uint8Array} bytes
 * @returns {{format: string, content: any, displayInformation?: {title: string, description: string, imageURL: string}} | null}
 */
export function parseProvisioning(bytes) {
  let text;
  let value;
  try {
    text = fromUtf8(bytes);
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || hasDuplicateKeys(text)) return null;
  if (typeof value.format !== 'string' || value.format === '') return null;
  if (!value.content || typeof value.content !== 'object' || Array.isArray(value.content)) return null;
  if (value.displayInformation !== undefined && !isDisplayInformation(value.displayInformation)) return null;
  return value;
}

/** @param {any} d */
function isDisplayInformation(d) {
  return !!d && typeof d === 'object' && typeof d.title === 'string' && typeof d.description === 'string' && typeof d.imageURL === 'string';
}

/** @param {object} message */
export const encodeProvisioning = (message) => utf8(JSON.stringify(message));

/** @param {string} value */
function normalUrl(value) {
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
}

/**
 * Section 5.1: is the preview the relay served the one the initiator sealed? @param {any} sealed @param {any} served
 */
export function previewMatches(sealed, served) {
  if (!isDisplayInformation(sealed) || !isDisplayInformation(served)) return false;
  const a = normalUrl(sealed.imageURL);
  return sealed.title === served.title && sealed.description === served.description && a !== null && a === normalUrl(served.imageURL);
}

/** The generic vertical's first message. @param {Uint8Array} token @param {object} displayInformation */
export const authorizationToken = (token, displayInformation) => ({
  format: Formats.authorizationToken,
  content: { token: toBase64(token) },
  displayInformation,
});

/** The token's bytes, or null when the content is malformed. @param {any} content */
export const readAuthorizationToken = (content) => (typeof content?.token === 'string' ? fromBase64(content.token) : null);

/** @param {string} code @param {string} reason */
export const cancelMessage = (code, reason) => ({ format: Formats.cancel, content: { reason, code } });

export const completeMessage = () => ({ format: Formats.complete, content: {} });
