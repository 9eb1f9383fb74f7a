// The pages' messages: every language has every message with the same placeholders, and no text a person sees
// bypasses them. "Bypasses" is defined by two scans, each shown to catch a planted literal:
//   - page scripts (web/pages/*.js): no string or template literal outside comments is prose, that is, holds two
//     words (letters, a space, a letter) or is one capitalised word ('Copied'); keys ('share.title'), attribute
//     names and codes are none of these, and a CSS selector (starting with #, . or [: '#expires time') is not prose;
//   - the relay's page templates (the raw strings of src/Tigress.Relay/Web/*Page.cs and Preview/PreviewPage.cs):
//     once markup, <style>, <script> and {interpolation} holes are removed, no letter is left, and no alt, title,
//     aria-label or placeholder attribute has a literal value; each data-i18n element holds exactly its message.

import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CATALOGS, FALLBACK_LANGUAGE, chooseLanguage, direction, format } from '../src/i18n.js';

const web = fileURLToPath(new URL('../', import.meta.url));
const relay = fileURLToPath(new URL('../../src/Tigress.Relay/', import.meta.url));
const english = CATALOGS[FALLBACK_LANGUAGE];

/** The {names} in a message. @param {string} text */
const placeholders = (text) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

/** @param {Set<string>} a @param {Set<string>} b */
const same = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

/** All placeholders of an English message, over its plural forms. @param {import('../src/i18n.js').Message} message */
const englishPlaceholders = (message) => new Set(typeof message === 'string' ? placeholders(message) : Object.values(message).flatMap((form) => [...placeholders(form)]));

test('the pages speak at least nine languages, one of them right to left, and name each file by its language', async () => {
  const files = (await readdir(`${web}i18n`)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(Object.keys(CATALOGS).sort(), files, 'every message file is bundled, and nothing else');
  assert.ok(files.length >= 9, `${files.length} languages`);
  assert.ok(files.some((lang) => direction(lang) === 'rtl'), 'a right-to-left language');
  assert.equal(direction('ar'), 'rtl');
  for (const lang of files) assert.match(String(CATALOGS[lang]['meta.dir']), /^(ltr|rtl)$/, lang);
});

test('every language has exactly the English keys, each of the same kind and with the same placeholders', () => {
  for (const [lang, catalog] of Object.entries(CATALOGS)) {
    assert.deepEqual(Object.keys(catalog).sort(), Object.keys(english).sort(), `${lang}: the same keys as en`);
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const [key, message] of Object.entries(catalog)) {
      const original = english[key];
      const expected = englishPlaceholders(original);
      if (typeof original === 'string') {
        assert.equal(typeof message, 'string', `${lang} ${key}: a plain message`);
        assert.ok(/** @type {string} */ (message).trim().length > 0, `${lang} ${key}: not empty`);
        assert.ok(same(placeholders(/** @type {string} */ (message)), expected), `${lang} ${key}: placeholders ${[...expected]}`);
        continue;
      }
      // A plural message has the forms the language's plural rules use, and no others; the number may be spelled
      // out in a form ("two tries"), so {count} is required only in 'other', every other placeholder in every form.
      assert.equal(typeof message, 'object', `${lang} ${key}: plural forms`);
      const forms = /** @type {Record<string, string>} */ (message);
      assert.deepEqual(Object.keys(forms).sort(), [...categories].sort(), `${lang} ${key}: the plural forms of ${lang}`);
      for (const [category, form] of Object.entries(forms)) {
        const found = placeholders(form);
        assert.ok([...found].every((name) => expected.has(name)), `${lang} ${key} ${category}: no unknown placeholder`);
        assert.ok([...expected].every((name) => name === 'count' || found.has(name)), `${lang} ${key} ${category}: every placeholder`);
      }
      assert.ok(same(placeholders(forms.other), expected), `${lang} ${key} other: placeholders ${[...expected]}`);
    }
  }
});

test('translations are translated: almost no message of another language is the English one', () => {
  for (const [lang, catalog] of Object.entries(CATALOGS)) {
    if (lang === FALLBACK_LANGUAGE) continue;
    const keys = Object.keys(english).filter((key) => key !== 'meta.dir');
    const unchanged = keys.filter((key) => JSON.stringify(catalog[key]) === JSON.stringify(english[key]));
    assert.ok(unchanged.length <= keys.length * 0.05, `${lang}: ${unchanged.length} messages are the English ones: ${unchanged.join(', ')}`);
  }
});

test('the language is the first of the browser\'s that the pages speak, by primary subtag, else English', () => {
  assert.equal(chooseLanguage(['de-CH', 'en']), 'de');
  assert.equal(chooseLanguage(['xx', 'AR-eg', 'fr']), 'ar');
  assert.equal(chooseLanguage(['tlh', 'x-klingon']), 'en');
  assert.equal(chooseLanguage([]), 'en');
  assert.equal(chooseLanguage(undefined), 'en');
});

test('format fills placeholders and picks the plural form of the language', () => {
  assert.equal(format('en', 'error.wrongPinLeft', { count: 2 }), 'Wrong PIN; 2 tries left.');
  assert.equal(format('en', 'error.wrongPinLeft', { count: 1 }), 'Wrong PIN; 1 try left.');
  assert.equal(format('de', 'error.wrongPinLeft', { count: 1 }), 'Falsche PIN; noch 1 Versuch.');
  assert.equal(format('pl', 'error.wrongPinLeft', { count: 2 }), 'Błędny PIN; pozostały 2 próby.');
  assert.equal(format('pl', 'error.wrongPinLeft', { count: 5 }), 'Błędny PIN; pozostało 5 prób.');
  assert.equal(format('ar', 'error.wrongPinLeft', { count: 2 }), 'رمز سري خاطئ؛ بقيت محاولتان.');
  assert.equal(format('fr', 'share.failed', { reason: '{count}' }), 'Le partage n’a pas pu être créé : {count}', 'a value is not read again');
  assert.equal(format('xx', 'receive.button'), 'Receive', 'an unknown language is English');
  assert.throws(() => format('en', 'no.such.key'), RangeError);
});

// --- No page string bypasses the messages ---------------------------------------------------------------------

/**
 * The string literals of a script and the fixed parts of its template literals, outside comments, with their lines.
 * A `/` starts a regular expression where an operand is expected, as in the page scripts.
 * @param {string} code @returns {{text: string, line: number}[]}
 */
export function stringLiterals(code) {
  /** @type {{text: string, line: number}[]} */
  const found = [];
  let i = 0;
  let line = 1;
  /** @type {number[]} brace depth of each open template's ${ */
  const templates = [];
  let depth = 0;
  let last = '';
  const advance = () => {
    if (code[i] === '\n') line++;
    i++;
  };
  /** Reads a template literal's fixed part from just after ` or }, up to ` or ${. */
  const templatePart = () => {
    const start = line;
    let text = '';
    while (i < code.length && code[i] !== '`' && !(code[i] === '$' && code[i + 1] === '{')) {
      if (code[i] === '\\') advance();
      text += code[i];
      advance();
    }
    found.push({ text, line: start });
    if (code[i] === '`') {
      advance();
      last = '`';
    } else {
      advance();
      advance();
      templates.push(depth);
      depth++;
      last = '{';
    }
  };
  while (i < code.length) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') advance();
    } else if (c === '/' && code[i + 1] === '*') {
      advance();
      advance();
      while (i < code.length && !(code[i] === '*' && code[i + 1] === '/')) advance();
      advance();
      advance();
    } else if (c === '"' || c === "'") {
      const start = line;
      let text = '';
      advance();
      while (i < code.length && code[i] !== c) {
        if (code[i] === '\\') advance();
        text += code[i];
        advance();
      }
      advance();
      found.push({ text, line: start });
      last = c;
    } else if (c === '`') {
      advance();
      templatePart();
    } else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      advance();
      templatePart();
    } else if (c === '/' && (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) || /\b(return|typeof|case|in|of)$/.test(code.slice(Math.max(0, i - 8), i).trimEnd()))) {
      // A regular expression literal: skip it, classes included.
      advance();
      let inClass = false;
      while (i < code.length && (inClass || code[i] !== '/')) {
        if (code[i] === '\\') advance();
        else if (code[i] === '[') inClass = true;
        else if (code[i] === ']') inClass = false;
        advance();
      }
      advance();
      last = 'regex';
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      if (!/\s/.test(c)) last = c;
      advance();
    }
  }
  return found;
}

/** Is this literal text a person would read? @param {string} text */
export const isProse = (text) => !/^[#.[]/.test(text.trim()) && (/\p{L}\s+\p{L}/u.test(text) || /^\p{Lu}\p{Ll}+\b/u.test(text.trim()));

/** The prose literals of a script. @param {string} code */
const proseIn = (code) => stringLiterals(code).filter((literal) => isProse(literal.text));

const pageScripts = async () => {
  const names = (await readdir(`${web}pages`)).filter((f) => f.endsWith('.js'));
  return Promise.all(names.map(async (name) => ({ name, code: await readFile(`${web}pages/${name}`, 'utf8') })));
};

test('the scan of page scripts finds a planted literal, in strings, templates and attributes, and not in comments or keys', () => {
  const planted = [
    "status.textContent = 'Receiving...';",
    'el("button", {}, "Copy link");',
    "el('input', { 'aria-label': 'Share link' });",
    'state.textContent = `Ended: ${reason ?? `the transfer failed`}`;',
    "button.textContent = 'Copied';",
  ];
  for (const code of planted) assert.ok(proseIn(code).length > 0, `caught: ${code}`);
  const clean = [
    "// Press Receive to open the share\nel('button', { type: 'button', id: 'receive' }, t('receive.button'));",
    "/* The share page: every word */ form.querySelector('button[type=submit]');",
    "document.querySelector('#expires time');",
    "const x = a / b; const re = /Not a word here/; t('share.pinTellRelay', { count: 3 });",
    'el(\'li\', { \'data-event\': name }, `${t(key)}`);',
  ];
  for (const code of clean) assert.deepEqual(proseIn(code), [], code);
});

test('no page script holds text a person sees: every word goes through t()', async () => {
  for (const { name, code } of await pageScripts()) {
    const prose = proseIn(code);
    assert.deepEqual(prose.map((p) => `${name}:${p.line} ${p.text}`), [], `web/pages/${name} shows text that is not a message`);
  }
});

/** The raw HTML strings of a C# file (""" ... """). @param {string} source */
const rawStrings = (source) => [...source.matchAll(/"""([\s\S]*?)"""/g)].map((m) => m[1]);

/** What a template shows that is not a message: letters left, or literal user-visible attributes. @param {string} html */
function templateLeaks(html) {
  const leaks = [];
  for (const m of html.matchAll(/\s(alt|title|aria-label|aria-description|placeholder)="([^"{]*\p{L}[^"]*)"/gu)) leaks.push(`${m[1]}="${m[2]}"`);
  for (const m of html.matchAll(/data-i18n="([\w.]+)"[^>]*>([^<]*)</g)) {
    if (m[2] !== `{t["${m[1]}"]}`) leaks.push(`data-i18n="${m[1]}" holds ${m[2]}`);
    if (!Object.hasOwn(english, m[1])) leaks.push(`no message ${m[1]}`);
  }
  const text = html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, '')
    .replace(/<[^>]*>/g, '');
  for (const word of text.match(/\p{L}+/gu) ?? []) leaks.push(word);
  return leaks;
}

test('the scan of page templates finds a planted literal, in text and in attributes', () => {
  assert.deepEqual(templateLeaks('<h1 data-i18n="share.title">{t["share.title"]}</h1><p>{t["share.intro"]}</p>'), []);
  assert.deepEqual(templateLeaks('<p class="hint">Someone shared</p>'), ['Someone', 'shared']);
  assert.deepEqual(templateLeaks('<input aria-label="Share link">'), ['aria-label="Share link"']);
  assert.deepEqual(templateLeaks('<h1 data-i18n="share.title">Share a secret</h1>'), ['data-i18n="share.title" holds Share a secret', 'Share', 'a', 'secret']);
  assert.deepEqual(templateLeaks('<label><input type="checkbox"> Protect with a PIN</label>'), ['Protect', 'with', 'a', 'PIN']);
});

test('the relay\'s page templates hold no text of their own: every word is a message', async () => {
  const files = [
    ...(await readdir(`${relay}Web`)).filter((f) => f.endsWith('Page.cs')).map((f) => `Web/${f}`),
    'Preview/PreviewPage.cs',
  ];
  assert.ok(files.length >= 3, files.join());
  for (const file of files) {
    const source = await readFile(`${relay}${file}`, 'utf8');
    const templates = rawStrings(source);
    assert.ok(templates.length > 0, `${file} has a template`);
    for (const html of templates) assert.deepEqual(templateLeaks(html), [], `src/Tigress.Relay/${file}`);
  }
});

test('every message is used, and every key the pages and the transfer name exists', async () => {
  const sources = [
    ...(await pageScripts()).map((s) => s.code),
    ...(await Promise.all((await readdir(`${web}src`)).filter((f) => f.endsWith('.js')).map((f) => readFile(`${web}src/${f}`, 'utf8')))),
    ...(await Promise.all([...(await readdir(`${relay}Web`)).map((f) => `Web/${f}`), 'Preview/PreviewPage.cs'].filter((f) => f.endsWith('.cs')).map((f) => readFile(`${relay}${f}`, 'utf8')))),
  ].join('\n');
  const unused = Object.keys(english).filter((key) => key !== 'meta.dir' && !sources.includes(`'${key}'`) && !sources.includes(`"${key}"`));
  assert.deepEqual(unused, [], 'messages nothing shows');
  const named = [...sources.matchAll(/\bt\('([\w.]+)'|new TransferError\('[\w-]+', '([\w.]+)'|key: '([\w.]+)'/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  assert.ok(named.length > 30, `${named.length} keys named`);
  assert.deepEqual(named.filter((key) => !Object.hasOwn(english, key)), [], 'keys with no message');
});

test('each page bundles the messages it shows: every key its scripts name is among its bundled prefixes', async () => {
  const { PAGE_MESSAGES } = await import('../build/bundle.js');
  const both = Object.values(PAGE_MESSAGES).reduce((a, b) => a.filter((prefix) => b.includes(prefix)));
  /** @param {string} code */
  const keysIn = (code) => stringLiterals(code).map((l) => l.text).filter((text) => Object.hasOwn(english, text));
  /** @param {string[]} keys @param {string[]} prefixes */
  const outside = (keys, prefixes) => keys.filter((key) => !prefixes.some((prefix) => key.startsWith(prefix)));
  for (const { name, code } of await pageScripts()) {
    const page = name.slice(0, -3);
    assert.deepEqual(outside(keysIn(code), Object.hasOwn(PAGE_MESSAGES, page) ? PAGE_MESSAGES[/** @type {'receive'|'share'} */ (page)] : both), [], `web/pages/${name}`);
  }
  for (const name of (await readdir(`${web}src`)).filter((f) => f.endsWith('.js'))) {
    assert.deepEqual(outside(keysIn(await readFile(`${web}src/${name}`, 'utf8')), both), [], `web/src/${name}`);
  }
});
