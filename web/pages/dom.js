// DOM helpers for the pages: every piece of text goes in through textContent, never as markup (the pages run under
// Trusted Types, which would refuse a string given to innerHTML anyway), and every word of the page's own comes from
// the messages (t).

import { MailboxError } from '../src/mailbox.js';
import { pageLanguage, t } from '../src/i18n.js';
import { TransferError } from '../src/transfer.js';

/**
 * @param {string} tag @param {Record<string, string>} [attributes] @param {...(Node|string)} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** Replaces what a container shows. @param {Element} container @param {...(Node|string)} children */
export function show(container, ...children) {
  container.replaceChildren(...children.map((c) => (typeof c === 'string' ? document.createTextNode(c) : c)));
}

/** A button that copies text and says so. @param {string} label @param {() => string} text */
export function copyButton(label, text) {
  const button = el('button', { type: 'button', class: 'copy' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      button.textContent = t('common.copied');
    } catch {
      button.textContent = t('common.copyFailed');
    }
    setTimeout(() => (button.textContent = label), 2500);
  });
  return button;
}

/**
 * What went wrong, in the page's language (the relay's English details are not shown).
 * @param {unknown} error @param {string} [otherwise] the message for an error that is neither the transfer's nor the relay's
 */
export function errorText(error, otherwise = 'common.unknownError') {
  if (error instanceof TransferError) return t(error.key, error.values);
  if (error instanceof MailboxError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 413) return t('error.tooLarge');
    if (error.status === 429 || error.status === 503) return t('error.busy');
    return t('error.relay', { status: String(error.status) });
  }
  return t(otherwise);
}

/** A size in bytes, KB or MB, the page's way. @param {number} bytes */
export function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return t('common.sizeMB', { count: Math.round((bytes / 1024 / 1024) * 10) / 10 });
  if (bytes >= 1024) return t('common.sizeKB', { count: Math.floor(bytes / 1024) });
  return t('common.sizeBytes', { count: bytes });
}

/** A moment in this browser's time zone, written the page language's way. @param {number | string | Date} when */
export function dateText(when) {
  return new Date(when).toLocaleString(pageLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
}
