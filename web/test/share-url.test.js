import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toHex, utf8 } from '../src/bytes.js';
import { parseProvisioning, previewMatches } from '../src/provisioning.js';
import { decodeSecret, formatShareUrl, parseShareUrl } from '../src/share-url.js';

const id = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff';
const base = `https://relay.example/v1/m/${id}`;

test('the example share URL of docs/protocol.md section 3', () => {
  const link = parseShareUrl(`${base}?v=a#AAECAwQFBgcICQoLDA0ODw`);
  assert.equal(link.requestUrl, base);
  assert.equal(link.mailboxId, id);
  assert.equal(link.vertical, 'a');
  assert.equal(link.pin, false);
  assert.equal(toHex(link.secret), '000102030405060708090a0b0c0d0e0f');
  assert.equal(formatShareUrl(base, link.secret), `${base}?v=a#AAECAwQFBgcICQoLDA0ODw`);
  assert.equal(formatShareUrl(base, link.secret, { pin: true, vertical: 'c' }), `${base}?v=c&p=1#AAECAwQFBgcICQoLDA0ODw`);
});

test('share URL: a prefix, p=1, no v, and other query parameters', () => {
  const link = parseShareUrl(`https://relay.example/tigress/v1/m/${id}?p=1&x=y#AAECAwQFBgcICQoLDA0ODw`);
  assert.equal(link.requestUrl, `https://relay.example/tigress/v1/m/${id}`);
  assert.equal(link.vertical, 'a');
  assert.equal(link.pin, true);
  assert.equal(parseShareUrl(`http://127.0.0.1:8080/v1/m/${id}#AAECAwQFBgcICQoLDA0ODw`).requestUrl, `http://127.0.0.1:8080/v1/m/${id}`);
});

test('share URL: p=2 is the relay-assisted PIN (section 12.6), p=0 no PIN; both written back', () => {
  const relay = parseShareUrl(`${base}?v=a&p=2#AAECAwQFBgcICQoLDA0ODw`);
  assert.equal(relay.pin, true);
  assert.equal(relay.pinMode, 'relay');
  assert.equal(formatShareUrl(base, relay.secret, { pin: 'relay' }), `${base}?v=a&p=2#AAECAwQFBgcICQoLDA0ODw`);
  assert.equal(parseShareUrl(`${base}?p=1#AAECAwQFBgcICQoLDA0ODw`).pinMode, 'spake2');
  assert.equal(formatShareUrl(base, relay.secret, { pin: 'spake2' }), `${base}?v=a&p=1#AAECAwQFBgcICQoLDA0ODw`);
  const none = parseShareUrl(`${base}?p=0#AAECAwQFBgcICQoLDA0ODw`);
  assert.equal(none.pin, false);
  assert.equal(none.pinMode, null);
  assert.equal(formatShareUrl(base, none.secret, { pin: null }), `${base}?v=a#AAECAwQFBgcICQoLDA0ODw`);
});

test('share secrets: the spellings readers accept', () => {
  assert.equal(toHex(/** @type {Uint8Array} */ (decodeSecret('AAECAwQFBgcICQoLDA0ODw=='))), '000102030405060708090a0b0c0d0e0f');
  assert.equal(decodeSecret('-_-_-_-_-_-_-_-_-_-_-w')?.length, 16);
  assert.equal(decodeSecret('+/+/+/+/+/+/+/+/+/+/+w==')?.length, 16);
  assert.equal(decodeSecret('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8')?.length, 32);
  assert.equal(decodeSecret('AAECAwQFBgcICQoLDA0ODw%3D%3D')?.length, 16, 'percent-encoded padding');
});

for (const [why, url] of [
  ['mixed alphabets', `${base}#-_+/-_-_-_-_-_-_-_-_-w==`],
  ['24 bytes', `${base}#AAECAwQFBgcICQoLDA0ODxAREhMUFRYX`],
  ['no secret', `${base}`],
  ['v twice', `${base}?v=a&v=c#AAECAwQFBgcICQoLDA0ODw`],
  ['an unknown v', `${base}?v=x#AAECAwQFBgcICQoLDA0ODw`],
  ['p=3', `${base}?p=3#AAECAwQFBgcICQoLDA0ODw`],
  ['p twice', `${base}?p=2&p=2#AAECAwQFBgcICQoLDA0ODw`],
  ['user information', `https://u:p@relay.example/v1/m/${id}#AAECAwQFBgcICQoLDA0ODw`],
  ['plain http off loopback', `http://relay.example/v1/m/${id}#AAECAwQFBgcICQoLDA0ODw`],
  ['an upper-case id', `https://relay.example/v1/m/${id.toUpperCase()}#AAECAwQFBgcICQoLDA0ODw`],
  ['not a mailbox path', `https://relay.example/v1/x/${id}#AAECAwQFBgcICQoLDA0ODw`],
]) {
  test(`share URL refused: ${why}`, () => assert.throws(() => parseShareUrl(url)));
}

test('provisioning: a key twice at any level, or a missing member, is refused', () => {
  assert.ok(parseProvisioning(utf8('{"format":"f","content":{"token":"aGk="}}')));
  assert.equal(parseProvisioning(utf8('{"format":"f","format":"g","content":{}}')), null);
  assert.equal(parseProvisioning(utf8('{"format":"f","content":{"a":1,"a":2}}')), null);
  assert.equal(parseProvisioning(utf8('{"format":"f","content":{"a":[{"b":1,"b":2}]}}')), null);
  assert.ok(parseProvisioning(utf8('{"format":"f","content":{"a":[{"b":1},{"b":2}]}}')), 'the same key in two objects is fine');
  assert.equal(parseProvisioning(utf8('{"format":"","content":{}}')), null);
  assert.equal(parseProvisioning(utf8('{"format":"f"}')), null);
  assert.equal(parseProvisioning(utf8('[1]')), null);
  assert.equal(parseProvisioning(Uint8Array.of(0xff, 0xfe)), null);
});

test('honest preview: exact text, image URLs compared in normal form', () => {
  const sealed = { title: 'T', description: 'D', imageURL: 'https://img.example/a.png' };
  assert.ok(previewMatches(sealed, { ...sealed }));
  assert.ok(previewMatches(sealed, { ...sealed, imageURL: 'https://IMG.example:443/a.png' }));
  assert.equal(previewMatches(sealed, { ...sealed, title: 'T ' }), false);
  assert.equal(previewMatches(sealed, { ...sealed, description: 'd' }), false);
  assert.equal(previewMatches(sealed, { ...sealed, imageURL: 'https://img.example/b.png' }), false);
  assert.equal(previewMatches(undefined, sealed), false, 'a missing sealed copy is a mismatch');
});
