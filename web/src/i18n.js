// The pages' words: one message file per language (web/i18n/<lang>.json), bundled at build time, and one lookup,
// t(key, values). A message is a string with {name} placeholders, or an object of plural forms (Intl.PluralRules
// categories) chosen by the number in values.count. The relay renders its page templates from the same files
// (src/Tigress.Relay/Web/PageText.cs), so both sides pick the same words for a language.

import ar from '../i18n/ar.json' with { type: 'json' };
import de from '../i18n/de.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import es from '../i18n/es.json' with { type: 'json' };
import fr from '../i18n/fr.json' with { type: 'json' };
import it from '../i18n/it.json' with { type: 'json' };
import nl from '../i18n/nl.json' with { type: 'json' };
import pl from '../i18n/pl.json' with { type: 'json' };
import pt from '../i18n/pt.json' with { type: 'json' };

/** @typedef {string | Record<string, string>} Message */

/** Every language the pages speak, by primary subtag. @type {Record<string, Record<string, Message>>} */
export const CATALOGS = { en, ar, de, es, fr, it, nl, pl, pt };

export const FALLBACK_LANGUAGE = 'en';

/**
 * The first of the browser's languages that the pages speak, matched by primary subtag (de-CH is de), else English.
 * @param {readonly string[] | undefined} preferred
 */
export function chooseLanguage(preferred) {
  for (const tag of preferred ?? []) {
    const primary = String(tag).split('-')[0].toLowerCase();
    if (Object.hasOwn(CATALOGS, primary)) return primary;
  }
  return FALLBACK_LANGUAGE;
}

/** 'rtl' or 'ltr', as the language's own file says. @param {string} language */
export function direction(language) {
  return CATALOGS[language]?.['meta.dir'] === 'rtl' ? 'rtl' : 'ltr';
}

/**
 * A message in a language, its placeholders filled; numbers are written the language's way. A key missing from a
 * language falls back to English (the messages test keeps that from happening).
 * @param {string} language @param {string} key @param {Record<string, string | number>} [values]
 */
export function format(language, key, values = {}) {
  const lang = Object.hasOwn(CATALOGS, language) ? language : FALLBACK_LANGUAGE;
  let message = CATALOGS[lang][key] ?? CATALOGS[FALLBACK_LANGUAGE][key];
  if (message === undefined) throw new RangeError(`No message ${key}`);
  if (typeof message !== 'string') {
    const forms = message;
    message = forms[new Intl.PluralRules(lang).select(Number(values.count))] ?? forms.other;
  }
  const numbers = new Intl.NumberFormat(lang, { useGrouping: false });
  return message.replace(/\{(\w+)\}/g, (hole, name) => {
    if (!Object.hasOwn(values, name)) return hole;
    const value = values[name];
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

let current = FALLBACK_LANGUAGE;

/** The language the page speaks. */
export function pageLanguage() {
  return current;
}

/** A message in the page's language. @param {string} key @param {Record<string, string | number>} [values] */
export function t(key, values) {
  return format(current, key, values);
}

/**
 * Chooses the page's language from the browser's (navigator.languages), sets <html lang> and dir, and rewrites the
 * text of every element the relay rendered with a data-i18n key, in case the relay read Accept-Language differently.
 * @param {Document} doc
 */
export function localizeDocument(doc) {
  const nav = doc.defaultView?.navigator;
  current = chooseLanguage(nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : []);
  doc.documentElement.lang = current;
  doc.documentElement.dir = direction(current);
  for (const element of doc.querySelectorAll('[data-i18n]')) {
    element.textContent = t(/** @type {string} */ (/** @type {HTMLElement} */ (element).dataset.i18n));
  }
}
