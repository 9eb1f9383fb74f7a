import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromHex, toHex, utf8 } from '../src/bytes.js';
import { expandLabel } from '../src/hkdf.js';
import { gcmOpen, gcmSeal, importShareKey, openPayload, payloadAad, sealPayload } from '../src/payload.js';
import { aesGcmVectors } from './vectors.js';

const vectors = aesGcmVectors();

test('the AES-GCM vector files were read', () => {
  assert.ok(vectors.length >= 6, `found ${vectors.length}`);
  assert.ok(vectors.some((v) => v.key.length === 64), 'an AES-256 vector is among them');
});

for (const v of vectors) {
  test(`AES-GCM known answer: ${v.name}`, async () => {
    const key = await crypto.subtle.importKey('raw', fromHex(v.key), 'AES-GCM', false, ['encrypt', 'decrypt']);
    const sealed = await gcmSeal(key, fromHex(v.aad), fromHex(v.plaintext), fromHex(v.iv));
    assert.equal(toHex(sealed), v.iv + v.ciphertext + v.tag);
    const opened = await gcmOpen(key, fromHex(v.aad), sealed);
    assert.equal(toHex(/** @type {Uint8Array} */ (opened)), v.plaintext);
    sealed[sealed.length - 1] ^= 1;
    assert.equal(await gcmOpen(key, fromHex(v.aad), sealed), null, 'a changed tag does not open');
  });
}

test('payload AAD known answers (docs/protocol.md section 13)', () => {
  assert.equal(new TextDecoder().decode(payloadAad('i2r', 0)), 'tigress-mailbox/1 i2r 0');
  assert.equal(new TextDecoder().decode(payloadAad('r2i', 0)), 'tigress-mailbox/1 r2i 0');
  assert.equal(new TextDecoder().decode(payloadAad('i2r', 12)), 'tigress-mailbox/1 i2r 12');
  assert.equal(new TextDecoder().decode(payloadAad('r2i', 2147483647)), 'tigress-mailbox/1 r2i 2147483647');
  assert.throws(() => payloadAad(/** @type {any} */ ('x2y'), 0));
  assert.throws(() => payloadAad('i2r', -1));
});

test('the sealed payload example of docs/protocol.md section 4.3', async () => {
  const plaintext =
    '{"format":"digitalwallet.generic.authorizationToken","content":{"token":"aGk="},"displayInformation":{"title":"Garage key","description":"Opens the garage","imageURL":"https://example.com/key.png"}}';
  const expected =
    'EBESExQVFhcYGRobvwxlwH0i15s153+RrkCCSlvQA+ZamA7Lq6xMfwJ3eM78uFRL6cmJdZnBoaG1vgV04t2fCdXh2IcFYUjY87J843wsfc9H+V+h7OE9K5CD0Q1U5t39Ca/PqRQW9YiCvZwC+E+uupu0n714HfnawUUh3D25H4ObtuOLwL+NQes5DMJO3JKXQ4TXIPB6zXVhMRM3tKBNaCrUYmg1nNjDJthy3wHl93KO/4OAGO+qhiJ/kKR6IWS/mFN5qytZjI/jYVdQysf9/wiQJrmjWp7VQofQZvU7WILSdA==';
  const shareKey = await importShareKey(fromHex('000102030405060708090a0b0c0d0e0f'));
  const payload = await sealPayload(shareKey, 'i2r', 0, utf8(plaintext), fromHex('101112131415161718191a1b'));
  assert.deepEqual(payload, { type: 'AEAD_AES_128_GCM', data: expected });
  assert.equal(new TextDecoder().decode(/** @type {Uint8Array} */ (await openPayload(shareKey, 'i2r', 0, payload))), plaintext);
  assert.equal(await openPayload(shareKey, 'r2i', 0, payload), null, 'the other direction does not open');
  assert.equal(await openPayload(shareKey, 'i2r', 1, payload), null, 'another number does not open');
  assert.equal(await openPayload(shareKey, 'i2r', 0, { ...payload, type: 'AEAD_AES_256_GCM' }), null, 'a type that does not match the key does not open');
});

test('HKDF-Expand-Label: RFC 8448 section 3, the client handshake key', async () => {
  // RFC 8448 "Simple 1-RTT Handshake": client_handshake_traffic_secret -> key (16) and iv (12).
  const secret = fromHex('b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21');
  assert.equal(toHex(await expandLabel(secret, 'key', new Uint8Array(0), 16)), 'dbfaa693d1762c5b666af5d950258d01');
  assert.equal(toHex(await expandLabel(secret, 'iv', new Uint8Array(0), 12)), '5bd3c71b836e0b76bb73265f');
});
