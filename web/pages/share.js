// The share page (/): a secret typed here is sealed in this page and the relay only ever stores ciphertext. The
// page shows the link (with its key after the #, made here and never sent), a QR code and the PIN, then follows
// the share until it is received and deletes the mailbox. A PIN is checked by the relay where it offers that (the
// relay-assisted PIN, p=2: this page may then be closed), else by this page (the SPAKE2 PIN, p=1: it must stay open).
// Each share is also kept in this browser (kept.js) until it ends, so that a reopened page lists it with its state,
// replayed from the relay's events, and can cancel it.

import { localizeDocument, t } from '../src/i18n.js';
import { readCapabilities } from '../src/mailbox.js';
import { resumeShare, share } from '../src/transfer.js';
import { copyButton, dateText, el, errorText, show, sizeText } from './dom.js';
import { forgetShare, keepShare, keptShares } from './kept.js';
import { qrCanvas } from './qr.js';

localizeDocument(document);

const form = /** @type {HTMLFormElement} */ (document.getElementById('share-form'));
const result = /** @type {HTMLElement} */ (document.getElementById('result'));
const relayBase = new URL('.', location.href).href.replace(/\/+$/, '');
const pinOption = /** @type {HTMLInputElement} */ (document.getElementById('pin-option'));
const pinModes = /** @type {HTMLElement} */ (document.getElementById('pin-modes'));
const expiry = /** @type {HTMLSelectElement} */ (document.getElementById('expiry'));
const fileInput = /** @type {HTMLInputElement} */ (document.getElementById('file'));
const fileLimit = /** @type {HTMLElement} */ (document.getElementById('file-limit'));

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

// Offer no expiry beyond the relay's maximum; where the maximum is not among the choices, offer it too.
capabilities.then((c) => {
  const max = typeof c?.maxTtlSeconds === 'number' && c.maxTtlSeconds > 0 ? c.maxTtlSeconds : null;
  if (max === null) return;
  for (const option of [...expiry.options]) if (Number(option.value) > max) option.remove();
  if (![...expiry.options].some((o) => Number(o.value) === max) && max >= 3600) {
    expiry.append(el('option', { value: String(max) }, t('share.hours', { count: Math.floor(max / 3600) })));
  }
  // The default choice went with the longer ones: the longest left.
  if (![...expiry.options].some((o) => o.defaultSelected)) expiry.selectedIndex = expiry.options.length - 1;
});
maxFileBytes.then((max) => {
  fileLimit.textContent = t('share.fileLimit', { size: sizeText(max) });
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

/** The message for each event of the share. */
const EVENT_TEXT = /** @type {Record<string, string>} */ ({
  opened: 'event.opened',
  'opened-relay': 'event.openedRelay',
  locked: 'event.locked',
  'pin-matched': 'event.pinMatched',
  received: 'event.received',
  'wrong-pin': 'event.wrongPin',
  relinquished: 'event.relinquished',
});

/** The message for each way a share ends, but 'cancelled' (which may carry the recipient's reason). */
const OUTCOME_TEXT = /** @type {Record<string, string>} */ ({
  received: 'outcome.received',
  'wrong-pin': 'outcome.wrongPin',
  locked: 'outcome.locked',
  gone: 'outcome.gone',
  expired: 'outcome.gone',
});

/** The message for a kept share's state, in the list of shares on this device. */
const KEPT_STATE = /** @type {Record<string, string>} */ ({
  waiting: 'kept.waiting',
  opened: 'kept.opened',
  locked: 'kept.locked',
  received: 'kept.received',
  cancelled: 'kept.cancelled',
  'recipient-cancelled': 'kept.recipientCancelled',
  'wrong-pin': 'kept.wrongPin',
  'pin-unchecked': 'kept.pinUnchecked',
  expired: 'kept.expired',
  gone: 'kept.gone',
  failed: 'kept.failed',
  lost: 'kept.lost',
});

/** A wrong relay-assisted PIN in the list: how many guesses are left. @param {number | undefined} left */
const keptWrongPinText = (left) => (left === undefined ? t('kept.wrongPinTried') : t('kept.wrongPinLeft', { count: left }));

/** @param {Event} event */
function blockUnload(event) {
  event.preventDefault();
}

/** A failed guess at a relay-assisted PIN, as the relay counted it. @param {number | undefined} left */
function pinFailedText(left) {
  if (left === undefined) return t('event.pinFailed');
  if (left === 0) return t('event.pinFailedLocked');
  return t('event.pinFailedLeft', { count: left });
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
  return el('li', { 'data-event': name }, EVENT_TEXT[key] ? t(EVENT_TEXT[key]) : name);
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
  const section = el('section', { id: 'mine', 'aria-labelledby': 'mine-title' }, el('h2', { id: 'mine-title' }, t('kept.heading')), list);
  form.before(section);
  for (const record of kept) {
    const when = dateText(record.createdAt);
    const sharedText = record.expires ? t('kept.sharedExpires', { when, expires: dateText(record.expires) }) : t('kept.shared', { when });
    const stateLine = el('p', { class: 'kept-state', role: 'status' }, t('kept.waiting'));
    const events = el('ul', { class: 'kept-events' });
    const cancel = el('button', { type: 'button', class: 'kept-cancel' }, t('kept.cancel'));
    const item = el('li', { class: 'kept', 'data-state': 'waiting' }, el('strong', { dir: 'auto' }, record.title), ' ', el('span', { class: 'hint' }, sharedText), stateLine, events, cancel);
    list.append(item);
    /** @param {string} state @param {string} [text] */
    const setState = (state, text) => {
      item.dataset.state = state;
      stateLine.textContent = text ?? t(KEPT_STATE[state]);
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
    show(result, el('p', { class: 'error' }, t('share.emptySecret')));
    return;
  }
  if (asFile && !file) {
    show(result, el('p', { class: 'error' }, t('share.chooseFile')));
    return;
  }
  if (asFile && file && file.size > (await maxFileBytes)) {
    show(result, el('p', { class: 'error', id: 'file-too-large' }, t('share.fileTooLarge', { size: sizeText(await maxFileBytes) })));
    return;
  }
  const content = asFile && file ? { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name } : { text };
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
  submit.disabled = true;
  show(result, el('p', {}, t('share.sharing')));
  // The relay-assisted PIN when the relay offers it and the person did not choose this page; else the SPAKE2 PIN.
  const pinMode = data.get('pin') !== 'on' ? false : (await relayPin) && data.get('pin-mode') !== 'spake2' ? 'relay' : 'spake2';
  let handle;
  try {
    handle = await share(relayBase, {
      ...content,
      expiresIn: Number(data.get('expiry')) || undefined,
      // Left empty, the preview reads in the sender's language, which is most often the recipient's too.
      title: String(data.get('title') ?? '').trim() || t('share.defaultTitle'),
      description: String(data.get('description') ?? '').trim() || t('share.defaultDescription'),
      pin: pinMode,
    });
  } catch (error) {
    submit.disabled = false;
    show(result, el('p', { class: 'error' }, t('share.failed', { reason: errorText(error) })));
    return;
  }
  form.reset();
  form.hidden = true;
  following.abort();
  document.getElementById('mine')?.remove();
  // Kept until it ends, so that this page, reopened, can say what became of it (and cancel it).
  await keepShare(handle.kept);

  const link = handle.link;
  // A link reads left to right in every language.
  const linkField = el('input', { id: 'link', readonly: '', value: link, dir: 'ltr', 'aria-label': t('share.linkLabel') });
  const log = el('ul', { id: 'events' });
  const state = el('p', { id: 'state', role: 'status' }, t('share.waiting'));
  const cancel = el('button', { type: 'button', id: 'cancel' }, t('share.cancel'));
  const parts = [
    el('h2', {}, t('share.linkHeading')),
    linkField,
    copyButton(t('share.copyLink'), () => link),
  ];
  // The system's share sheet, where the browser has one (phones): the link only, never the PIN.
  if (typeof navigator.share === 'function') {
    const shareButton = el('button', { type: 'button', id: 'share-link' }, t('share.shareLink'));
    shareButton.addEventListener('click', () => navigator.share({ title: handle.kept.title, url: link }).catch(() => {}));
    parts.push(shareButton);
  }
  parts.push(qrCanvas(link, t('share.qrLabel')));
  if (handle.kept.expires) parts.push(el('p', { class: 'hint', id: 'expires' }, t('share.expiresAt', { when: dateText(handle.kept.expires) })));
  const relayChecks = handle.pinMode === 'relay';
  if (handle.pin) {
    parts.push(
      el('p', {}, t('share.pinIs'), ' ', el('strong', { id: 'pin', dir: 'ltr' }, handle.pin)),
      el('p', { class: 'hint' }, relayChecks ? t('share.pinTellRelay', { count: handle.guesses }) : t('share.pinTellPage')),
    );
  }
  parts.push(
    state,
    log,
    cancel,
    el('p', { class: handle.pinMode === 'spake2' ? 'hint' : 'ok', id: 'close-note' },
      t(relayChecks ? 'share.mayClose' : handle.pin ? 'share.keepOpenPin' : 'share.mayCloseNoPin')),
  );
  show(result, ...parts);
  // Only the SPAKE2 PIN needs this page to stay open; any other share is kept in this browser and can be followed again.
  if (handle.pinMode === 'spake2') addEventListener('beforeunload', blockUnload);

  const controller = new AbortController();
  cancel.addEventListener('click', async () => {
    controller.abort();
    await handle.cancel().catch(() => {});
    await forgetShare(handle.urlLink);
    state.textContent = t('share.cancelled');
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
    if (outcome.outcome === 'cancelled' && outcome.reason) {
      // The recipient's reason is their own text, in their own language and direction.
      show(state, t('outcome.cancelledBecause'), ' ', el('q', { dir: 'auto' }, outcome.reason));
    } else {
      state.textContent = t(OUTCOME_TEXT[outcome.outcome] ?? (outcome.outcome === 'cancelled' ? 'outcome.cancelled' : 'outcome.failed'));
    }
  } catch (error) {
    if (!controller.signal.aborted) state.textContent = t('share.lostTrack', { reason: errorText(error) });
  } finally {
    cancel.remove();
    removeEventListener('beforeunload', blockUnload);
  }
});
