import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileNameOf } from '../src/transfer.js';

test('a shared file keeps its base name and nothing that could reach a folder or the screen', () => {
  assert.equal(fileNameOf('notes.txt'), 'notes.txt');
  assert.equal(fileNameOf('C:\\Users\\me\\key.der'), 'key.der');
  assert.equal(fileNameOf('../../etc/passwd'), 'passwd');
  assert.equal(fileNameOf('a\u0000b\u001f\u007fc.bin'), 'abc.bin');
  assert.equal(fileNameOf('x'.repeat(300)).length, 255);
  for (const nothing of ['', '   ', '.', '..', 'folder/', '\u0001']) assert.equal(fileNameOf(nothing), null, JSON.stringify(nothing));
});
