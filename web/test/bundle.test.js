import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundle } from '../build/bundle.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

test('the committed web/dist is exactly what the lock file\'s packages and the sources build (npm run bundle)', async () => {
  const out = await mkdtemp(join(tmpdir(), 'tigress-web-'));
  try {
    await bundle(out);
    const built = (await readdir(out)).sort();
    assert.deepEqual((await readdir(dist)).sort(), built, 'the same files');
    for (const name of built) {
      const expected = await readFile(join(out, name), 'utf8');
      const committed = await readFile(join(dist, name), 'utf8');
      assert.ok(committed === expected, `web/dist/${name} is stale: run npm run bundle --prefix web and commit the result`);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('the served bundles use no eval, Function constructor or HTML string sinks', async () => {
  for (const name of await readdir(dist)) {
    const code = await readFile(join(dist, name), 'utf8');
    assert.doesNotMatch(code, /\beval\(|new Function\(|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/, name);
  }
});
