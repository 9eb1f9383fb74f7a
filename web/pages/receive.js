// The receive page (/v1/m/{id}): shows the preview the relay rendered, and claims nothing until the person presses
// Receive. The key stays in this page: it is read from the fragment, never sent, stored or logged, and the fragment
// leaves the address bar once the share is received.

import { fromUtf8, toBase64 } from '../src/bytes.js';
import { parseShareUrl } from '../src/share-url.js';
import { TransferError, receive } from '../src/transfer.js';
import { copyButton, el, show } from './dom.js';

const app = /** @type {HTMLElement} */ (document.getElementById('app'));

function start() {
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

  const status = el('p', { id: 'status', role: 'status' }, 'Nothing has been opened yet. Press Receive to open the share on this device; after that it cannot be opened anywhere else.');
  const button = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', id: 'receive' }, 'Receive'));
  /** @type {HTMLInputElement | null} */
  let pinInput = null;
  const parts = [];
  if (link.pin) {
    pinInput = /** @type {HTMLInputElement} */ (el('input', { id: 'pin', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': 'pin-hint' }));
    parts.push(el('label', { for: 'pin' }, 'PIN'), pinInput, el('p', { id: 'pin-hint', class: 'hint' }, 'The sender gave you a 6-digit PIN separately. You have one try: a wrong PIN ends the share.'));
  }
  parts.push(button, status);
  show(app, ...parts);

  button.addEventListener('click', async () => {
    button.disabled = true;
    if (pinInput) pinInput.disabled = true;
    status.className = '';
    status.textContent = 'Receiving...';
    try {
      const result = await receive(link, {
        pin: pinInput?.value,
        onProgress: (step) => {
          if (step === 'pin-sent') status.textContent = 'Checking the PIN with the sender\'s device...';
        },
      });
      // Received: the key has done its work; take it out of the address bar and the history entry.
      history.replaceState(null, '', location.pathname + location.search);
      let text;
      let note = '';
      try {
        text = fromUtf8(result.token);
      } catch {
        text = toBase64(result.token);
        note = 'The content is not text; it is shown in base64.';
      }
      const content = el('pre', { id: 'content' }, text);
      show(
        app,
        el('p', { id: 'status', class: 'ok' }, 'Received. The sender was told, and the link no longer works.'),
        content,
        ...(note ? [el('p', { class: 'hint' }, note)] : []),
        copyButton('Copy', () => text),
      );
    } catch (error) {
      status.className = 'error';
      status.dataset.code = error instanceof TransferError ? error.code : 'error';
      status.textContent = error instanceof Error ? error.message : 'The share could not be received.';
      if (error instanceof TransferError && error.code === 'pin-required' && pinInput) {
        button.disabled = false;
        pinInput.disabled = false;
      }
    }
  });
}

start();
