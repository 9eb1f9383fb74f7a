// The share page (/): a secret typed here is sealed in this page and the relay only ever stores ciphertext. The
// page shows the link (with its key after the #, made here and never sent), a QR code and the PIN, then follows
// the share until it is received and deletes the mailbox. A PIN is checked by the relay where it offers that (the
// relay-assisted PIN, p=2: this page may then be closed), else by this page (the SPAKE2 PIN, p=1: it must stay open).
// Each share is also kept in this browser (kept.js) until it ends, so that a reopened page lists it with its state,
// replayed from the relay's events, and can cancel it.

import { readCapabilities } from '../src/mailbox.js';
import { resumeShare, share } from '../src/transfer.js';
import { copyButton, el, show } from './dom.js';
import { forgetShare, keepShare, keptShares } from './kept.js';
import { qrCanvas } from './qr.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('share-form'));
const result = /** @type {HTMLElement} */ (document.getElementById('result'));
const relayBase = new URL('.', location.href).href.replace(/\/+$/, '');
const pinOption = /** @type {HTMLInputElement} */ (document.getElementById('pin-option'));
const pinModes = /** @type {HTMLElement} */ (document.getElementById('pin-modes'));
const expiry = /** @type {HTMLSelectElement} */ (document.getElementById('expiry'));
const fileInput = /** @type {HTMLInputElement} */ (document.getElementById('file'));
const fileLimit = /** @type {HTMLElement} */ (document.getElementById('file-limit'));

/** The words of the share form that the page writes itself. */
const FORM_TEXT = {
  typeFirst: 'Type the secret to share first.',
  chooseFile: 'Choose the file to share first.',
  /** @param {string} size */
  fileLimit: (size) => `At most ${size}: the file is encrypted in this page, then stored on the relay.`,
  /** @param {string} size */
  fileTooLarge: (size) => `This file is too large: the relay takes at most ${size}.`,
  /** @param {number} hours */
  hours: (hours) => (hours === 1 ? '1 hour' : `${hours} hours`),
  /** @param {string} when */
  expires: (when) => `The link works until ${when}; after that the relay deletes the share.`,
  shareLink: 'Share the link...',
};

// What the relay allows (section 9): reading the capability document changes nothing.
const capabilities = readCapabilities(relayBase);
// Whether the relay counts PIN guesses itself.
const relayPin = capabilities.then((c) => c?.relayAssistedPin === true);
// The largest file whose share fits the relay's payload limit: base64 makes 4 bytes of 3, and the message around it
// (the preview's strings, the file name, the JSON and the encryption layers) is given 2 KiB.
const maxFileBytes = capabilities.then((c) => {
  const payload = typeof c?.maxPayloadBytes === 'number' ? c.maxPayloadBytes : 64 * 1024;
  return Math.max(0, Math.floor(((payload - 2048) * 3) / 4));
});

/** @param {number} bytes */
const sizeText = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.floor(bytes / 1024)} KB` : `${bytes} bytes`);

// Offer no expiry beyond the relay's maximum; where the maximum is not among the choices, offer it too.
capabilities.then((c) => {
  const max = typeof c?.maxTtlSeconds === 'number' && c.maxTtlSeconds > 0 ? c.maxTtlSeconds : null;
  if (max === null) return;
  for (const option of [...expiry.options]) if (Number(option.value) > max) option.remove();
  if (![...expiry.options].some((o) => Number(o.value) === max) && max >= 3600) {
    expiry.append(el('option', { value: String(max) }, FORM_TEXT.hours(Math.floor(max / 3600))));
  }
  // The default choice went with the longer ones: the longest left.
  if (![...expiry.options].some((o) => o.defaultSelected)) expiry.selectedIndex = expiry.options.length - 1;
});
maxFileBytes.then((max) => {
  fileLimit.textContent = FORM_TEXT.fileLimit(sizeText(max));
});

// Text or a file: only the chosen field shows.
for (const radio of form.querySelectorAll('input[name=kind]')) {
  radio.addEventListener('change', () => {
    const file = /** @type {HTMLInputElement} */ (form.querySelector('#kind-file')).checked;
    /** @type {HTMLElement} */ (document.getElementById('file-field')).hidden = !file;
    /** @type {HTMLElement} */ (document.getElementById('text-field')).hidden = file;
  });
}
const showPinModes = async () => {
  pinModes.hidden = !(pinOption.checked && (await relayPin));
};
pinOption.addEventListener('change', showPinModes);
showPinModes();

const EVENT_TEXT = /** @type {Record<string, string>} */ ({
  opened: 'Opened: someone pressed Receive on the link.',
  'opened-relay': 'Opened: the recipient gave the right PIN.',
  locked: 'The share is locked and deleted: share again for a new link and PIN.',
  'pin-matched': 'The PIN was right; sending the content.',
  received: 'Received. The share is deleted from the relay.',
  'wrong-pin': 'A wrong PIN was tried: the share was ended so nobody gets a second guess. Share again for a new link and PIN.',
  relinquished: 'The device that opened the link let go of it (it could not open it); the link works again.',
});

/** The words for a kept share's state, in the list of shares on this device. */
const KEPT_TEXT = /** @type {Record<string, string>} */ ({
  heading: 'Your shares on this device',
  waiting: 'Waiting: nobody has opened it yet.',
  opened: 'Opened.',
  locked: 'Locked: too many wrong PINs; nobody can open it now.',
  received: 'Received.',
  cancelled: 'Cancelled: the link no longer works.',
  'recipient-cancelled': 'Ended: the recipient refused it.',
  'wrong-pin': 'Ended: a wrong PIN was tried.',
  'pin-unchecked': 'Ended: a device answered the PIN, which only the closed page could check. Share again.',
  expired: 'Expired.',
  gone: 'Ended: it is no longer on the relay.',
  failed: 'Ended: the recipient\'s answer could not be read.',
  lost: 'Cannot reach the relay now; reload the page to try again.',
  cancel: 'Cancel',
});

/** When a kept share was made, and when it expires. @param {string} made @param {string | null} expires */
const keptWhenText = (made, expires) => (expires ? `Shared ${made}; expires ${expires}.` : `Shared ${made}.`);

/** A wrong relay-assisted PIN in the list: how many guesses are left. @param {number | undefined} left */
const keptWrongPinText = (left) => (left === undefined ? 'Wrong PIN tried.' : `Wrong PIN tried: ${left} ${left === 1 ? 'guess' : 'guesses'} left.`);

/** @param {Event} event */
function blockUnload(event) {
  event.preventDefault();
}

/** A failed guess at a relay-assisted PIN, as the relay counted it. @param {number | undefined} left */
function pinFailedText(left) {
  if (left === undefined) return 'A wrong PIN was tried.';
  if (left === 0) return 'A wrong PIN was tried; 0 tries left: the share is locked, nobody can open it now.';
  return `A wrong PIN was tried; ${left} ${left === 1 ? 'try' : 'tries'} left.`;
}

/** The state an outcome of `wait` leaves a share in. @param {string} outcome */
const endState = (outcome) => (outcome === 'cancelled' ? 'recipient-cancelled' : END_STATES.has(outcome) ? outcome : 'failed');

/** The outcomes of `wait` that are states of their own in the list. */
const END_STATES = new Set(['received', 'locked', 'wrong-pin', 'pin-unchecked', 'expired', 'gone']);

/** Stops following the kept shares (a new share replaces the list). */
const following = new AbortController();

/** One event of a share as a list item, as the live page shows it. @param {string} name @param {{guessesLeft?: number}} [details] @param {boolean} [relayChecks] */
function eventItem(name, details, relayChecks = false) {
  if (name === 'pin-failed') {
    const left = details?.guessesLeft;
    return el('li', { 'data-event': name, 'data-guesses-left': String(left ?? '') }, pinFailedText(left));
  }
  const key = name === 'opened' && relayChecks ? 'opened-relay' : name;
  return el('li', { 'data-event': name }, EVENT_TEXT[key] ?? name);
}

/**
 * The shares this browser made before and has not seen end: each is followed again from the relay's events (every
 * wrong guess, the claim, the answer), shown with its state in words, and can be cancelled while it is live. A share
 * is forgotten as soon as its end is seen here.
 */
async function listKeptShares() {
  const kept = await keptShares();
  document.body.dataset.kept = String(kept.length);
  if (kept.length === 0) return;
  const list = el('ul', { id: 'my-shares' });
  const section = el('section', { id: 'mine', 'aria-labelledby': 'mine-title' }, el('h2', { id: 'mine-title' }, KEPT_TEXT.heading), list);
  form.before(section);
  for (const record of kept) {
    const when = keptWhenText(new Date(record.createdAt).toLocaleString(), record.expires ? new Date(record.expires).toLocaleString() : null);
    const stateLine = el('p', { class: 'kept-state', role: 'status' }, KEPT_TEXT.waiting);
    const events = el('ul', { class: 'kept-events' });
    const cancel = el('button', { type: 'button', class: 'kept-cancel' }, KEPT_TEXT.cancel);
    const item = el('li', { class: 'kept', 'data-state': 'waiting' }, el('strong', { dir: 'auto' }, record.title), ' ', el('span', { class: 'hint' }, when), stateLine, events, cancel);
    list.append(item);
    /** @param {string} state @param {string} [text] */
    const setState = (state, text) => {
      item.dataset.state = state;
      stateLine.textContent = text ?? KEPT_TEXT[state];
    };
    const controller = new AbortController();
    following.signal.addEventListener('abort', () => controller.abort());
    const handle = resumeShare(record);
    cancel.addEventListener('click', async () => {
      controller.abort();
      cancel.remove();
      try {
        await handle.cancel();
      } catch {
        setState('lost');
        return;
      }
      await forgetShare(record.urlLink);
      setState('cancelled');
    });
    handle.wait({
      signal: controller.signal,
      onEvent: (name, details) => {
        events.append(eventItem(name, details, record.pinMode === 'relay'));
        if (name === 'opened') setState('opened');
        if (name === 'relinquished') setState('waiting');
        if (name === 'pin-failed' && details?.guessesLeft !== 0) setState('wrong-pin-left', keptWrongPinText(details?.guessesLeft));
      },
    }).then(
      async (outcome) => {
        cancel.remove();
        await forgetShare(record.urlLink);
        setState(endState(outcome.outcome));
      },
      () => {
        if (!controller.signal.aborted) setState('lost');
      },
    );
  }
}

listKeptShares();

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const asFile = data.get('kind') === 'file';
  const text = String(data.get('secret') ?? '');
  const file = fileInput.files?.[0];
  if (!asFile && text === '') {
    show(result, el('p', { class: 'error' }, FORM_TEXT.typeFirst));
    return;
  }
  if (asFile && !file) {
    show(result, el('p', { class: 'error' }, FORM_TEXT.chooseFile));
    return;
  }
  if (asFile && file && file.size > (await maxFileBytes)) {
    show(result, el('p', { class: 'error', id: 'file-too-large' }, FORM_TEXT.fileTooLarge(sizeText(await maxFileBytes))));
    return;
  }
  const content = asFile && file ? { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name } : { text };
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
  submit.disabled = true;
  show(result, el('p', {}, 'Sharing...'));
  // The relay-assisted PIN when the relay offers it and the person did not choose this page; else the SPAKE2 PIN.
  const pinMode = data.get('pin') !== 'on' ? false : (await relayPin) && data.get('pin-mode') !== 'spake2' ? 'relay' : 'spake2';
  let handle;
  try {
    handle = await share(relayBase, {
      ...content,
      expiresIn: Number(data.get('expiry')) || undefined,
      title: String(data.get('title') ?? ''),
      description: String(data.get('description') ?? ''),
      pin: pinMode,
    });
  } catch (error) {
    submit.disabled = false;
    show(result, el('p', { class: 'error' }, `The share could not be created: ${error instanceof Error ? error.message : 'unknown error'}`));
    return;
  }
  form.reset();
  form.hidden = true;
  following.abort();
  document.getElementById('mine')?.remove();
  // Kept until it ends, so that this page, reopened, can say what became of it (and cancel it).
  await keepShare(handle.kept);

  const link = handle.link;
  const linkField = el('input', { id: 'link', readonly: '', value: link, 'aria-label': 'Share link' });
  const log = el('ul', { id: 'events' });
  const state = el('p', { id: 'state', role: 'status' }, 'Waiting for the recipient...');
  const cancel = el('button', { type: 'button', id: 'cancel' }, 'Cancel the share');
  const parts = [
    el('h2', {}, 'Send this link to the recipient'),
    linkField,
    copyButton('Copy link', () => link),
  ];
  // The system's share sheet, where the browser has one (phones): the link only, never the PIN.
  if (typeof navigator.share === 'function') {
    const shareButton = el('button', { type: 'button', id: 'share-link' }, FORM_TEXT.shareLink);
    shareButton.addEventListener('click', () => navigator.share({ title: handle.kept.title, url: link }).catch(() => {}));
    parts.push(shareButton);
  }
  parts.push(qrCanvas(link));
  if (handle.kept.expires) parts.push(el('p', { class: 'hint', id: 'expires' }, FORM_TEXT.expires(new Date(handle.kept.expires).toLocaleString())));
  const relayChecks = handle.pinMode === 'relay';
  if (handle.pin) {
    parts.push(
      el('p', {}, 'PIN: ', el('strong', { id: 'pin' }, handle.pin)),
      el('p', { class: 'hint' }, relayChecks
        ? `Tell the PIN to the recipient another way (say it aloud), not in the same message as the link. The relay allows ${handle.guesses} tries; after the last wrong one the share is locked.`
        : 'Tell the PIN to the recipient another way (say it aloud), not in the same message as the link. One wrong try ends the share.'),
    );
  }
  parts.push(
    state,
    log,
    cancel,
    el('p', { class: handle.pinMode === 'spake2' ? 'hint' : 'ok', id: 'close-note' },
      relayChecks
        ? 'You may close this page now: the relay checks the PIN, so the recipient can receive the share while this page is closed. Open this page again on this device to see every wrong PIN tried and whether it was received, or to cancel it.'
        : handle.pin
          ? 'Keep this page open until it says Received: this page answers the PIN check, so if you close it the recipient cannot finish, and the share stays on the relay (encrypted) until it expires.'
          : 'You may close this page now: the link works until it is received or expires. Open this page again on this device to see whether it was received, or to cancel it.'),
  );
  show(result, ...parts);
  // Only the SPAKE2 PIN needs this page to stay open; any other share is kept in this browser and can be followed again.
  if (handle.pinMode === 'spake2') addEventListener('beforeunload', blockUnload);

  const controller = new AbortController();
  cancel.addEventListener('click', async () => {
    controller.abort();
    await handle.cancel().catch(() => {});
    await forgetShare(handle.urlLink);
    state.textContent = 'Cancelled: the link no longer works.';
    cancel.remove();
    removeEventListener('beforeunload', blockUnload);
  });

  try {
    const outcome = await handle.wait({
      signal: controller.signal,
      onEvent: (name, details) => log.append(eventItem(name, details, relayChecks)),
    });
    await forgetShare(handle.urlLink);
    state.dataset.outcome = outcome.outcome;
    state.textContent =
      outcome.outcome === 'received' ? 'Done: received.'
        : outcome.outcome === 'wrong-pin' ? 'Ended: a wrong PIN was tried.'
          : outcome.outcome === 'locked' ? 'Ended: locked after too many wrong PINs.'
            : outcome.outcome === 'cancelled' ? `Ended: the recipient cancelled${outcome.reason ? ` (${outcome.reason})` : ''}.`
              : outcome.outcome === 'gone' || outcome.outcome === 'expired' ? 'Ended: the share was deleted or expired.'
                : `Ended: ${outcome.reason ?? 'the transfer failed'}.`;
  } catch (error) {
    if (!controller.signal.aborted) state.textContent = `Lost track of the share: ${error instanceof Error ? error.message : 'unknown error'}`;
  } finally {
    cancel.remove();
    removeEventListener('beforeunload', blockUnload);
  }
});
