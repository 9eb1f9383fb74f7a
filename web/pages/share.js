// The share page (/): a secret typed here is sealed in this page and the relay only ever stores ciphertext. The
// page shows the link (with its key after the #, made here and never sent), a QR code and the PIN, then follows
// the share until it is received and deletes the mailbox. A PIN is checked by the relay where it offers that (the
// relay-assisted PIN, p=2: this page may then be closed), else by this page (the SPAKE2 PIN, p=1: it must stay open).

import { localizeDocument, t } from '../src/i18n.js';
import { readCapabilities } from '../src/mailbox.js';
import { share } from '../src/transfer.js';
import { copyButton, el, errorText, show } from './dom.js';
import { qrCanvas } from './qr.js';

localizeDocument(document);

const form = /** @type {HTMLFormElement} */ (document.getElementById('share-form'));
const result = /** @type {HTMLElement} */ (document.getElementById('result'));
const relayBase = new URL('.', location.href).href.replace(/\/+$/, '');
const pinOption = /** @type {HTMLInputElement} */ (document.getElementById('pin-option'));
const pinModes = /** @type {HTMLElement} */ (document.getElementById('pin-modes'));

// Whether the relay counts PIN guesses itself (section 9): reading the capability document changes nothing.
const relayPin = readCapabilities(relayBase).then((capabilities) => capabilities?.relayAssistedPin === true);
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
});

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

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const text = String(data.get('secret') ?? '');
  if (text === '') {
    show(result, el('p', { class: 'error' }, t('share.emptySecret')));
    return;
  }
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]'));
  submit.disabled = true;
  show(result, el('p', {}, t('share.sharing')));
  // The relay-assisted PIN when the relay offers it and the person did not choose this page; else the SPAKE2 PIN.
  const pinMode = data.get('pin') !== 'on' ? false : (await relayPin) && data.get('pin-mode') !== 'spake2' ? 'relay' : 'spake2';
  let handle;
  try {
    handle = await share(relayBase, {
      text,
      title: String(data.get('title') ?? ''),
      description: String(data.get('description') ?? ''),
      pin: pinMode,
    });
  } catch (error) {
    submit.disabled = false;
    show(result, el('p', { class: 'error' }, t('share.failed', { reason: errorText(error) })));
    return;
  }
  form.reset();
  form.hidden = true;

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
    qrCanvas(link, t('share.qrLabel')),
  ];
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
    el('p', { class: relayChecks ? 'ok' : 'hint', id: 'close-note' },
      t(relayChecks ? 'share.mayClose' : handle.pin ? 'share.keepOpenPin' : 'share.keepOpen')),
  );
  show(result, ...parts);
  // With the relay-assisted PIN nothing waits on this page, so closing it needs no warning.
  if (!relayChecks) addEventListener('beforeunload', blockUnload);

  const controller = new AbortController();
  cancel.addEventListener('click', async () => {
    controller.abort();
    await handle.cancel().catch(() => {});
    state.textContent = t('share.cancelled');
    cancel.remove();
    removeEventListener('beforeunload', blockUnload);
  });

  try {
    const outcome = await handle.wait({
      signal: controller.signal,
      onEvent: (name, details) => {
        if (name === 'pin-failed') {
          const left = details?.guessesLeft;
          log.append(el('li', { 'data-event': name, 'data-guesses-left': String(left ?? '') }, pinFailedText(left)));
        } else {
          const key = name === 'opened' && relayChecks ? 'opened-relay' : name;
          log.append(el('li', { 'data-event': name }, EVENT_TEXT[key] ? t(EVENT_TEXT[key]) : name));
        }
      },
    });
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
