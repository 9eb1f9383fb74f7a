// The receive page (/v1/m/{id}): shows the preview the relay rendered, and claims nothing until the person presses
// Receive. The key stays in this page: it is read from the fragment, never sent, stored or logged, and the fragment
// leaves the address bar once the share is received.
//
// Link scanners (mail and chat previewers, security gateways, prefetchers) load links before people do, some with a
// browser that runs scripts. So nothing here that changes a share (a claim, a PIN evaluation, any write) runs on load,
// in a prerendered page (it waits to be shown), in a hidden page, for a press that was not a person's (a script's
// click() is not trusted input), or for a PIN that is empty or incomplete (checked here before any request).

import { fromUtf8, toBase64 } from '../src/bytes.js';
import { localizeDocument, t } from '../src/i18n.js';
import { normalizePin } from '../src/pin.js';
import { parseShareUrl } from '../src/share-url.js';
import { TransferError, receive } from '../src/transfer.js';
import { copyButton, dateText, el, errorText, show, sizeText } from './dom.js';

localizeDocument(document);
const app = /** @type {HTMLElement} */ (document.getElementById('app'));

/** A file name for text saved from this page (a name, not words: it stays the same in every language). */
const TEXT_FILE_NAME = 'shared-text.txt';

/** When the share expires, from now: within the hour, in hours up to two days, else in days. @param {number} hours */
const timeLeftText = (hours) => (hours < 1 ? t('receive.inLessThanAnHour') : hours < 48 ? t('receive.inHours', { count: hours }) : t('receive.inDays', { count: Math.floor(hours / 24) }));

/**
 * A button that saves bytes as a file with this name, through a blob: URL that lives only for the click.
 * @param {string} label @param {string} id @param {Uint8Array} bytes @param {string} name @param {string} type
 */
function saveButton(label, id, bytes, name, type) {
  const button = el('button', { type: 'button', id }, label);
  button.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([/** @type {BlobPart} */ (bytes)], { type }));
    const anchor = /** @type {HTMLAnchorElement} */ (el('a', { href: url, download: name, hidden: '' }));
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  });
  return button;
}

/** Says when the share expires, in this browser's time and the page's words, from the time the relay wrote into the page. */
function showExpiry() {
  const time = document.querySelector('#expires time');
  const line = /** @type {HTMLElement | null} */ (document.getElementById('expires'));
  const at = Date.parse(time?.getAttribute('datetime') ?? '');
  if (!line || Number.isNaN(at)) return;
  const hours = Math.floor((at - Date.now()) / 3600000);
  line.dataset.expires = new Date(at).toISOString();
  line.textContent = at <= Date.now() ? t('receive.expired') : t('receive.expires', { when: dateText(at), left: timeLeftText(hours) });
}

/** The message of the PIN field's hint for each kind of protection. */
const PIN_HINTS = { spake2: 'receive.pinHintSpake2', relay: 'receive.pinHintRelay' };

/** Is the page in front of a person now: shown, not prerendered, not in a background tab? */
function inFront() {
  return !(/** @type {any} */ (document).prerendering) && document.visibilityState === 'visible';
}

function start() {
  showExpiry();
  if (!location.hash || location.hash === '#') {
    show(app, el('p', { class: 'error', id: 'status' }, t('receive.incomplete')));
    return;
  }
  let link;
  try {
    link = parseShareUrl(location.href);
  } catch {
    show(app, el('p', { class: 'error', id: 'status' }, t('receive.badLink')));
    return;
  }
  if (link.vertical !== 'a') {
    show(app, el('p', { id: 'status' }, t(link.vertical === 'c' ? 'receive.carKey' : 'receive.homeKey')));
    return;
  }

  const status = el('p', { id: 'status', role: 'status' }, t(link.pin ? 'receive.readyPin' : 'receive.ready'));
  const button = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', id: 'receive' }, t('receive.button')));
  /** @type {HTMLInputElement | null} */
  let pinInput = null;
  const parts = [];
  if (link.pinMode) {
    pinInput = /** @type {HTMLInputElement} */ (el('input', { id: 'pin', inputmode: 'numeric', autocomplete: 'one-time-code', 'aria-describedby': 'pin-hint' }));
    parts.push(el('label', { for: 'pin' }, t('receive.pinLabel')), pinInput, el('p', { id: 'pin-hint', class: 'hint' }, t(PIN_HINTS[link.pinMode])));
  }
  parts.push(button, status, el('p', { id: 'once', class: 'hint' }, t('receive.onceBefore')));
  show(app, ...parts);

  /** @param {string} text @param {string} code */
  const refuse = (text, code) => {
    status.className = 'error';
    status.dataset.code = code;
    status.textContent = text;
  };

  let busy = false;
  button.addEventListener('click', async (event) => {
    // Only a person's press in a page they can see; a scanner's scripted click() or a press in a page nobody
    // looks at sends nothing.
    if (busy || !event.isTrusted || !inFront()) return;
    let pin;
    if (pinInput) {
      if (normalizePin(pinInput.value, null) === null) {
        refuse(t(pinInput.value.trim() === '' ? 'receive.pinEmpty' : 'receive.pinIncomplete'), 'pin-incomplete');
        pinInput.focus();
        return;
      }
      pin = pinInput.value;
    }
    busy = true;
    button.disabled = true;
    if (pinInput) pinInput.disabled = true;
    status.className = '';
    delete status.dataset.code;
    status.dataset.busy = '';
    status.textContent = t('receive.receiving');
    try {
      const result = await receive(link, {
        pin,
        onProgress: (step) => {
          if (step === 'pin-sent') status.textContent = t('receive.pinSent');
          if (step === 'pin-checking') status.textContent = t('receive.pinChecking');
        },
      });
      // Received: the key has done its work; take it out of the address bar and the history entry.
      history.replaceState(null, '', location.pathname + location.search);
      document.getElementById('expires')?.remove();
      const received = el('p', { id: 'status', class: 'ok' }, t('receive.received'));
      const once = el('p', { id: 'once', class: 'hint', role: 'note' }, t('receive.onceAfter'));
      if (result.fileName !== null) {
        // A file (the command's --file, or the share page's): offered under its name, never shown.
        show(
          app,
          received,
          el('p', { id: 'file', 'data-name': result.fileName, 'data-size': String(result.token.length) }, t('receive.file', { name: result.fileName, size: sizeText(result.token.length) })),
          saveButton(t('receive.download', { name: result.fileName }), 'download', result.token, result.fileName, 'application/octet-stream'),
          once,
        );
        return;
      }
      let text;
      let note = '';
      try {
        text = fromUtf8(result.token);
      } catch {
        text = toBase64(result.token);
        note = t('receive.notText');
      }
      // The sender's text keeps its own direction, whatever the page's.
      const content = el('pre', { id: 'content', dir: 'auto' }, text);
      show(
        app,
        received,
        content,
        ...(note ? [el('p', { class: 'hint' }, note)] : []),
        copyButton(t('receive.copy'), () => text),
        saveButton(t('receive.saveText'), 'save', result.token, TEXT_FILE_NAME, note ? 'application/octet-stream' : 'text/plain;charset=utf-8'),
        once,
      );
    } catch (error) {
      refuse(errorText(error, 'receive.failed'), error instanceof TransferError ? error.code : 'error');
      if (error instanceof TransferError && error.guessesLeft !== undefined) status.dataset.guessesLeft = String(error.guessesLeft);
      // A wrong relay-assisted PIN with tries left, or a PIN the page did not take: the person may type it again.
      // (A wrong SPAKE2 PIN has ended the share.)
      const again = error instanceof TransferError && (error.code === 'pin-required' || (error.code === 'wrong-pin' && link.pinMode === 'relay'));
      if (again && pinInput) {
        button.disabled = false;
        pinInput.disabled = false;
        if (error.code === 'wrong-pin') pinInput.value = '';
        pinInput.focus();
      }
    } finally {
      busy = false;
      delete status.dataset.busy;
    }
  });
}

// A prerendered page (a browser guessing the next navigation) is not shown to anyone yet: start when it is.
if (/** @type {any} */ (document).prerendering) {
  document.addEventListener('prerenderingchange', start, { once: true });
} else {
  start();
}
