import assert from 'node:assert/strict';
import { test } from 'node:test';
import { p256_hasher } from '@noble/curves/nist.js';
import { fromHex, toHex, utf8 } from '../src/bytes.js';
import { sha256 } from '../src/hkdf.js';
import {
  ELEMENT_LENGTH, RELAY_PIN_DIGITS, RELAY_PIN_GUESSES, RELAY_PIN_MAX_GUESSES, blind, blindEvaluate, createRelayPinShare,
  deriveRelayPinKeys, evaluate, finalize, isRelayPinAllowed,
} from '../src/oprf.js';
import { toScalar } from '../src/spake2.js';
import { jsonVectors } from './vectors.js';

const h2c = jsonVectors('rfc9380-p256-sswu-ro.json');
const oprf = jsonVectors('rfc9497-p256-sha256-oprf.json');
const relayPin = jsonVectors('relay-pin.json');

test('the vector files were read', () => {
  assert.equal(h2c.hashToCurve.vectors.length, 5);
  assert.equal(oprf.vectors.length, 2);
  assert.equal(relayPin.vectors.length, 3);
});

for (const v of h2c.hashToCurve.vectors) {
  test(`hash-to-curve RFC 9380 J.1.1 (P256_XMD:SHA-256_SSWU_RO_): msg '${v.msg.slice(0, 12)}'`, () => {
    const p = p256_hasher.hashToCurve(utf8(v.msg), { DST: h2c.hashToCurve.dst }).toAffine();
    assert.equal(p.x.toString(16).padStart(64, '0'), v.px);
    assert.equal(p.y.toString(16).padStart(64, '0'), v.py);
    for (const [u, qx, qy] of [[v.u0, v.q0x, v.q0y], [v.u1, v.q1x, v.q1y]]) {
      const q = p256_hasher.mapToCurve(BigInt('0x' + u)).toAffine();
      assert.equal(q.x.toString(16).padStart(64, '0'), qx);
      assert.equal(q.y.toString(16).padStart(64, '0'), qy);
    }
  });
}

for (const [i, v] of oprf.vectors.entries()) {
  test(`OPRF RFC 9497 A.3.1 (P256-SHA256, mode OPRF): test vector ${i + 1}`, async () => {
    const input = fromHex(v.input);
    const client = blind(input, toScalar(fromHex(v.blind)));
    assert.equal(toHex(client.blind), v.blind);
    assert.equal(toHex(client.blindedElement), v.blindedElement);
    assert.equal(toHex(/** @type {Uint8Array} */ (blindEvaluate(fromHex(oprf.skSm), client.blindedElement))), v.evaluationElement);
    assert.equal(toHex(/** @type {Uint8Array} */ (await finalize(input, client.blind, fromHex(v.evaluationElement)))), v.output);
    assert.equal(toHex(await evaluate(fromHex(oprf.skSm), input)), v.output);
  });
}

for (const v of relayPin.vectors) {
  test(`relay-assisted PIN key schedule (this project's vectors): PIN ${v.pin}, ${v.secret.length / 2}-byte secret`, async () => {
    const secret = fromHex(v.secret);
    const client = blind(v.pin, toScalar(fromHex(v.blind)));
    assert.equal(toHex(client.blindedElement), v.blindedElement);
    assert.equal(toHex(/** @type {Uint8Array} */ (blindEvaluate(fromHex(v.oprfKey), client.blindedElement))), v.evaluatedElement);
    const y = /** @type {Uint8Array} */ (await finalize(v.pin, client.blind, fromHex(v.evaluatedElement)));
    assert.equal(toHex(y), v.y);
    const keys = await deriveRelayPinKeys(y, secret);
    assert.equal(toHex(keys.proofKey), v.proofKey);
    assert.equal(toHex(keys.sessionKey), v.sessionKey);

    const share = await createRelayPinShare(v.pin, secret, fromHex(v.oprfKey));
    assert.equal(toHex(share.verifier), v.verifier);
    assert.equal(toHex(share.sessionKey), v.sessionKey);
    assert.equal(toHex(await sha256(keys.proofKey)), v.verifier);
  });
}

test('relay-assisted PIN: the recipient with the right PIN proves and shares Ks; a wrong PIN does not', async () => {
  const secret = crypto.getRandomValues(new Uint8Array(16));
  const share = await createRelayPinShare('1234567', secret);
  assert.equal(share.oprfKey.length, 32);
  for (const [pin, right] of [['1234567', true], ['1234568', false]]) {
    const client = blind(/** @type {string} */ (pin));
    const evaluated = /** @type {Uint8Array} */ (blindEvaluate(share.oprfKey, client.blindedElement));
    const y = /** @type {Uint8Array} */ (await finalize(/** @type {string} */ (pin), client.blind, evaluated));
    const keys = await deriveRelayPinKeys(y, secret);
    assert.equal(toHex(await sha256(keys.proofKey)) === toHex(share.verifier), right);
    assert.equal(toHex(keys.sessionKey) === toHex(share.sessionKey), right);
  }
});

test('OPRF: two blinds of one input differ, and both finalize to the direct evaluation', async () => {
  const key = fromHex(oprf.skSm);
  const first = blind('1234567');
  const second = blind('1234567');
  assert.notEqual(toHex(first.blindedElement), toHex(second.blindedElement));
  const direct = toHex(await evaluate(key, '1234567'));
  for (const c of [first, second]) {
    const y = await finalize('1234567', c.blind, /** @type {Uint8Array} */ (blindEvaluate(key, c.blindedElement)));
    assert.equal(toHex(/** @type {Uint8Array} */ (y)), direct);
  }
});

test('OPRF: a malformed or off-curve element, or the identity, gives null', async () => {
  const generator = p256_hasher.Point.BASE.toBytes(true);
  const malformed = [
    new Uint8Array(0),
    Uint8Array.of(0),
    generator.subarray(0, 32),
    Uint8Array.of(...generator, 0),
    Uint8Array.of(4, ...generator.subarray(1)),
    p256_hasher.Point.BASE.toBytes(false),
    fromHex('02' + '00'.repeat(31) + '01'), // x = 1: no point
    fromHex('02ffffffff00000001000000000000000000000000ffffffffffffffffffffffff'), // x = p
  ];
  const { blind: r } = blind('1234567');
  for (const element of malformed) {
    assert.equal(blindEvaluate(fromHex(oprf.skSm), element), null, toHex(element));
    assert.equal(await finalize('1234567', r, element), null, toHex(element));
  }
  assert.equal(generator.length, ELEMENT_LENGTH);
});

test('OPRF: inputs and keys outside the rules throw', () => {
  assert.throws(() => blind('12345'));
  assert.throws(() => blind('123 4567'));
  assert.throws(() => blindEvaluate(new Uint8Array(32), p256_hasher.Point.BASE.toBytes(true)));
  assert.throws(() => blindEvaluate(fromHex('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'), p256_hasher.Point.BASE.toBytes(true)));
});

test('relay-assisted PIN: guesses × 10^-digits must not exceed 10^-6', () => {
  assert.ok(isRelayPinAllowed(RELAY_PIN_DIGITS, RELAY_PIN_GUESSES));
  assert.ok(isRelayPinAllowed(7, 10));
  assert.ok(isRelayPinAllowed(6, 1));
  assert.ok(isRelayPinAllowed(32, RELAY_PIN_MAX_GUESSES));
  assert.ok(!isRelayPinAllowed(6, 2));
  assert.ok(!isRelayPinAllowed(7, 11));
  assert.ok(!isRelayPinAllowed(7, 0));
  assert.ok(!isRelayPinAllowed(5, 1));
  assert.ok(!isRelayPinAllowed(33, 1));
  assert.ok(!isRelayPinAllowed(7.5, 1));
});

test('relay-assisted PIN: a secret of the wrong length throws', async () => {
  await assert.rejects(() => deriveRelayPinKeys(new Uint8Array(32), new Uint8Array(24)));
  await assert.rejects(() => createRelayPinShare('1234567', new Uint8Array(8)));
});
