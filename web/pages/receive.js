// The receive page (/v1/m/{id}): shows the preview the relay rendered, and claims nothing until the person presses
// Receive. The key stays in this page: it is read from the fragment, never sent, stored or logged, and the fragment
// leaves the address bar once the share is received.
//
// Link scanners (mail and chat previewers, security gateways, prefetchers) load links before people do, some with a
// browser that runs scripts. So nothing here that changes a share (a claim, a PIN evaluation, any write) runs on load,
// in a prerendered page (it waits to be shown), in a hidden page, for a press that was not a person's (a script's
// click() is not trusted input), or for a PIN that is empty or incomplete (checked here before any request).

import { fromUtf8, toBase64 } from '../src/bytes.js';
import { normalizePin } from '../src/pin.js';
import { parseShareUrl } from '../src/share-url.js';
import { TransferError, receive } from '../src/transfer.js';
import { copyButton, el, show } from './dom.js';

const app = /** @type {HTMLElement} */ (document.getElementById('app'));

/** The words this page writes about the share's life and its content. */
const TEXT = {
  /** @param {string} when @param {string} left */
  expires: (when, left) => `Expires ${when} (${left}). Until then it can be opened once.`,
  /** @param {number} hours */
  hoursLeft: (hours) => (hours < 1 ? 'in less than an hour' : hours < 48 ? `in ${hours} ${hours === 1 ? 'hour' : 'hours'}` : `in ${Math.floor(hours / 24)} days`),
  expired: 'This share has expired.',
  onceBefore: 'The content is shown once, on this device: have a place ready to keep it (copy it, or save it as a file) before you press Receive.',
  onceAfter: 'Shown once: copy it or save it now. This link will not open again, and reloading this page will not show it.',
  copy: 'Copy',
  saveText: 'Save as a file',
  /** @param {string} name @param {string} size */
  file: (name, size) => `A file: ${name} (${size}).`,
  /** @param {string} name */
  download: (name) => `Download ${name}`,
  textFileName: 'shared-text.txt',
};

/** @param {number} bytes */
const sizeText = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.floor(bytes / 1024)} KB` : `${bytes} bytes`);

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

/** Says when the share expires, in this browser's time and words, from the time the relay wrote into the page. */
function showExpiry() {
  const time = document.querySelector('#expires time');
  const line = /** @type {HTMLElement | null} */ (document.getElementById('expires'));
  const at = Date.parse(time?.getAttribute('datetime') ?? '');
  if (!line || Number.isNaN(at)) return;
  const hours = Math.floor((at - Date.now()) / 3600000);
  line.dataset.expires = new Date(at).toISOString();
  line.textContent = at <= Date.now() ? TEXT.expired : TEXT.expires(new Date(at).toLocaleString(), TEXT.hoursLeft(hours));
}

/** What the PIN field says for each kind of protection. */
const PIN_HINTS = {
  spake2: 'The sender gave you a PIN separately (6 digits unless they said otherwise). You have one try: a wrong PIN ends the share.',
  relay: 'The sender gave you a PIN separately (7 digits unless they said otherwise). You have a few tries; after the last wrong one the share is locked.',
};

/** Is the page in front of a person now: shown, not prerendered, not in a background tab? */
function inFront() {
  return !(/** @type {any} */ (document).prerendering) && document.visibilityState === 'visible';
}

function start() {
  showExpiry();
  if (!location.hash || location.hash === '#') {
    show(app, el('p', { class: 'error', id: 'status' }, 'This link is incomplete: the part after the # is missing, and without it the share cannot be opened. Ask the sender for the whole link.'));
    return;
  }
  let link;
  try {
    link = parseShareUrl(location.href);
  } catch (error) {
    show(app, el('p', { class: 'error', id: 'status' }, /** @type {Error} */ (error).message));
    return;
  }
  if (link.vertical !== 'a') {
    const kind = link.vertical === 'c' ? 'car key' : 'home key';
    show(app, el('p', { id: 'status' }, `This is a ${kind}. A browser cannot hold it: open this link with a ${kind} app (a digital wallet) on the phone that should receive it. Nothing was opened.`));
    return;
  }

  const status = el('p', { id: 'status', role: 'status' }, link.pin
    ? 'Nothing has been opened yet. Type the PIN and press Receive to open the share on this device; after that it cannot be opened anywhere else.'
    : 'Nothing has been opened yet. Press Receive to open the share on this device; after that it cannot be opened anywhere else.');
  const button = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', id: 'receive' }, 'Receive'));
  /** @type {HTMLInputElement | null} */
  let pinInput = null;
  const parts = [];
  if (link.pinMode) {
    pinInput = /** @type {HTMLInputElement} */ (el('input', { id: 'pin', inputmode: 'numeric', autocomplete: 'one-time-code', 'aria-describedby': 'pin-hint' }));
    parts.push(el('label', { for: 'pin' }, 'PIN'), pinInput, el('p', { id: 'pin-hint', class: 'hint' }, PIN_HINTS[link.pinMode]));
  }
  parts.push(button, status, el('p', { id: 'once', class: 'hint' }, TEXT.onceBefore));
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
        refuse(pinInput.value.trim() === '' ? 'Type the PIN the sender gave you first.' : 'That is not a whole PIN: type all its digits (6 to 32; spaces and dashes do not matter).', 'pin-incomplete');
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
    status.textContent = 'Receiving...';
    try {
      const result = await receive(link, {
        pin,
        onProgress: (step) => {
          if (step === 'pin-sent') status.textContent = 'Checking the PIN with the sender\'s device...';
          if (step === 'pin-checking') status.textContent = 'Checking the PIN...';
        },
      });
      // Received: the key has done its work; take it out of the address bar and the history entry.
      history.replaceState(null, '', location.pathname + location.search);
      document.getElementById('expires')?.remove();
      const received = el('p', { id: 'status', class: 'ok' }, 'Received. The sender was told, and the link no longer works.');
      const once = el('p', { id: 'once', class: 'hint', role: 'note' }, TEXT.onceAfter);
      if (result.fileName !== null) {
        // A file (the command's --file, or the share page's): offered under its name, never shown.
        show(
          app,
          received,
          el('p', { id: 'file', 'data-name': result.fileName, 'data-size': String(result.token.length) }, TEXT.file(result.fileName, sizeText(result.token.length))),
          saveButton(TEXT.download(result.fileName), 'download', result.token, result.fileName, 'application/octet-stream'),
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
        note = 'The content is not text; it is shown in base64.';
      }
      const content = el('pre', { id: 'content', dir: 'auto' }, text);
      show(
        app,
        received,
        content,
        ...(note ? [el('p', { class: 'hint' }, note)] : []),
        copyButton(TEXT.copy, () => text),
        saveButton(TEXT.saveText, 'save', result.token, TEXT.textFileName, note ? 'application/octet-stream' : 'text/plain;charset=utf-8'),
        once,
      );
    } catch (error) {
      refuse(error instanceof Error ? error.message : 'The share could not be received.', error instanceof TransferError ? error.code : 'error');
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
    }
  });
}

// A prerendered page (a browser guessing the next navigation) is not shown to anyone yet: start when it is.
if (/** @type {any} */ (document).prerendering) {
  document.addEventListener('prerenderingchange', start, { once: true });
} else {
  start();
}
