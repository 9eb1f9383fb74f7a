// The known-answer vectors, read from the C# test project's Vectors/ files so both implementations check the very
// same values (RFC 9382 appendix B, the McGrew-Viega AES-GCM cases, this project's PIN vectors).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../tests/Tigress.Protocol.Tests/Vectors/', import.meta.url));
const read = (/** @type {string} */ name) => readFileSync(dir + name, 'utf8');

/** Joins C# string concatenations ("04" + "ab...") into one literal. @param {string} text */
const joined = (text) => text.replace(/"\s*\+\s*"/g, '');

export function spake2Vectors() {
  const text = joined(read('Spake2Rfc9382Vectors.cs'));
  const vectors = [];
  for (const match of text.matchAll(/new\(\s*((?:\w+: "[^"]*",?\s*)+)\)/g)) {
    /** @type {Record<string, string>} */
    const v = {};
    for (const field of match[1].matchAll(/(\w+): "([^"]*)"/g)) v[field[1]] = field[2];
    vectors.push(v);
  }
  return vectors;
}

export function aesGcmVectors() {
  const text = read('AesGcmVectors.cs');
  const vectors = [];
  for (const match of text.matchAll(/\{\s*("[^"]*",\s*){6}"[^"]*"\s*\}/g)) {
    const [name, key, iv, plaintext, aad, ciphertext, tag] = [...match[0].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    vectors.push({ name, key, iv, plaintext, aad, ciphertext, tag });
  }
  return vectors;
}

export function pinVectors() {
  const text = read('Spake2PinVectors.cs');
  /** @type {Record<string, string>} */
  const constants = {};
  for (const m of text.matchAll(/const string (\w+) = "([0-9a-f]*)";/g)) constants[m[1]] = m[2];
  const section = (/** @type {string} */ name) => text.slice(text.indexOf(name), text.indexOf('};', text.indexOf(name)));
  const resolve = (/** @type {string} */ token) => (token.startsWith('"') ? token.slice(1, -1) : /^\d+$/.test(token) ? Number(token) : constants[token]);
  const rows = (/** @type {string} */ name) =>
    [...section(name).matchAll(/\{\s*([^{}]+?)\s*\}/g)].map((m) => m[1].split(/\s*,\s*/).map(resolve)).filter((row) => row.length >= 3);
  return {
    scalars: rows('PinScalars').map(([pin, secret, w]) => ({ pin, secret, w })),
    sessionKeys: rows('SessionKeys').map(([secret, ke, length, key]) => ({ secret, ke, length, key })),
  };
}

/** A known-answer file of tests/vectors/, shared with the C# tests. @param {string} name */
export function jsonVectors(name) {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../tests/vectors/${name}`, import.meta.url)), 'utf8'));
}
