import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromHex, toHex, utf8 } from '../src/bytes.js';
import { createPinParty, createPinSessionCipher, derivePinScalar, derivePinSessionKey, mailboxPinBinding, normalizePin } from '../src/pin.js';
import { createSpake2, deriveKeys, parseShare, toScalar, transcript } from '../src/spake2.js';
import { pinVectors, spake2Vectors } from './vectors.js';

const vectors = spake2Vectors();

test('the RFC 9382 vector file was read', () => assert.equal(vectors.length, 4));

for (const v of vectors) {
  test(`SPAKE2 RFC 9382 appendix B: A='${v.A}', B='${v.B}'`, async () => {
    const a = createSpake2('A', fromHex(v.W), utf8(v.A), utf8(v.B), new Uint8Array(0), toScalar(fromHex(v.X)));
    const b = createSpake2('B', fromHex(v.W), utf8(v.A), utf8(v.B), new Uint8Array(0), toScalar(fromHex(v.Y)));
    assert.equal(toHex(a.share), v.PA);
    assert.equal(toHex(b.share), v.PB);

    const keys = await deriveKeys(fromHex(v.TT), new Uint8Array(0));
    assert.equal(toHex(keys.ke), v.Ke);
    assert.equal(toHex(keys.ka), v.Ka);
    assert.equal(toHex(keys.kcA), v.KcA);
    assert.equal(toHex(keys.kcB), v.KcB);
    assert.equal(toHex(transcript(utf8(v.A), utf8(v.B), fromHex(v.PA), fromHex(v.PB), fromHex(v.K), fromHex(v.W))), v.TT);

    const cA = await a.finish(b.share);
    const cB = await b.finish(a.share);
    assert.equal(toHex(cA), v.CA);
    assert.equal(toHex(cB), v.CB);
    assert.ok(a.verify(cB));
    assert.ok(b.verify(cA));
    assert.equal(toHex(a.sharedKey()), v.Ke);
    assert.equal(toHex(b.sharedKey()), v.Ke);
  });
}

test('SPAKE2 with different passwords: the confirmations do not verify and no key is released', async () => {
  const w1 = fromHex(vectors[0].W);
  const w2 = fromHex(vectors[1].W);
  const a = createSpake2('A', w1, utf8('a'), utf8('b'));
  const b = createSpake2('B', w2, utf8('a'), utf8('b'));
  const cA = await a.finish(b.share);
  const cB = await b.finish(a.share);
  assert.equal(a.verify(cB), false);
  assert.equal(b.verify(cA), false);
  assert.throws(() => a.sharedKey());
  assert.throws(() => a.verify(cB), 'a failed run never verifies again');
});

test('SPAKE2 refuses a share that is not a point and ends the run', async () => {
  const a = createSpake2('A', fromHex(vectors[0].W), utf8('a'), utf8('b'));
  const bad = fromHex(vectors[0].PB);
  bad[64] ^= 1;
  assert.equal(parseShare(bad), null);
  assert.equal(parseShare(fromHex(vectors[0].PB).subarray(0, 33)), null, 'compressed points are refused');
  await assert.rejects(a.finish(bad));
  await assert.rejects(a.finish(fromHex(vectors[0].PB)), 'no second try');
});

const pin = pinVectors();

test('the PIN vector file was read', () => {
  assert.ok(pin.scalars.length >= 3);
  assert.ok(pin.sessionKeys.some((k) => k.length === 32));
});

for (const v of pin.scalars) {
  test(`PIN scalar w for ${v.pin} under a ${v.secret.length / 2}-byte secret`, async () => {
    assert.equal(toHex(await derivePinScalar(v.pin, fromHex(v.secret))), v.w);
  });
}

for (const v of pin.sessionKeys.filter((k) => k.length === 32)) {
  test(`PIN session key Ks under a ${v.secret.length / 2}-byte secret`, async () => {
    assert.equal(toHex(await derivePinSessionKey(fromHex(v.ke), fromHex(v.secret))), v.key);
  });
}

test('PIN normal form: grouping spaces, dashes and other scripts\' digits', () => {
  assert.equal(normalizePin('123 456'), '123456');
  assert.equal(normalizePin('123\u2013456'), '123456');
  assert.equal(normalizePin('\u0661\u0662\u0663\u0664\u0665\u0666'), '123456');
  assert.equal(normalizePin('\uff11\uff12\uff13\uff14\uff15\uff10'), '123450');
  assert.equal(normalizePin('12345'), null);
  assert.equal(normalizePin('1234567'), null);
  assert.equal(normalizePin('12345a'), null);
  assert.equal(normalizePin('12345\u00b2'), null, 'a superscript is not a decimal digit');
});

test('PIN normal form of any length, 6 to 32 digits (a link does not say how long its PIN is)', () => {
  assert.equal(normalizePin('123 4567', null), '1234567');
  assert.equal(normalizePin('123456', null), '123456');
  assert.equal(normalizePin('1'.repeat(32), null), '1'.repeat(32));
  assert.equal(normalizePin('1'.repeat(33), null), null);
  assert.equal(normalizePin('12345', null), null, 'incomplete');
  assert.equal(normalizePin('', null), null, 'empty');
  assert.equal(normalizePin('   ', null), null, 'only spaces');
  assert.equal(normalizePin('123456x', null), null);
});

test('PIN binding and the session layer', async () => {
  assert.equal(new TextDecoder().decode(mailboxPinBinding('3f1c7a52-9d0e-4b6f-8a21-5c4d3e2f1a0b')), 'tigress-pin/1 mailbox 3f1c7a52-9d0e-4b6f-8a21-5c4d3e2f1a0b');
  const secret = crypto.getRandomValues(new Uint8Array(16));
  const w = await derivePinScalar('123456', secret);
  const binding = mailboxPinBinding('3f1c7a52-9d0e-4b6f-8a21-5c4d3e2f1a0b');
  const a = createPinParty('A', w, binding);
  const b = createPinParty('B', w, binding);
  const cB = await b.finish(a.share);
  const cA = await a.finish(b.share);
  assert.ok(a.verify(cB) && b.verify(cA));
  const ksA = await createPinSessionCipher(await derivePinSessionKey(a.sharedKey(), secret));
  const ksB = await createPinSessionCipher(await derivePinSessionKey(b.sharedKey(), secret));
  const inner = await ksA.seal('i2r', 1, utf8('hello'));
  assert.equal(new TextDecoder().decode(/** @type {Uint8Array} */ (await ksB.open('i2r', 1, inner))), 'hello');
  assert.equal(await ksB.open('i2r', 2, inner), null);
  assert.equal(await ksB.open('r2i', 1, inner), null);
});

test('SPAKE2 keeps its own copy of w: a caller that wipes its buffer at once still gets the RFC 9382 answer', async () => {
  const v = vectors[0];
  const w = fromHex(v.W);
  const a = createSpake2('A', w, utf8(v.A), utf8(v.B), new Uint8Array(0), toScalar(fromHex(v.X)));
  w.fill(0);
  assert.equal(toHex(await a.finish(fromHex(v.PB))), v.CA);
});
