// Builds the files the relay serves (web/dist) from web/pages and web/src with the packages pinned in
// package-lock.json: one self-contained ES module per page, so Subresource Integrity covers all its code.
//   node build/bundle.js [outdir]     (npm run bundle writes web/dist, which is committed)

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} outdir */
export async function bundle(outdir) {
  await build({
    absWorkingDir: root,
    entryPoints: ['pages/receive.js', 'pages/share.js'],
    outdir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    charset: 'utf8',
    // Smaller to send; the relay serves them compressed too (docs/benchmarks.md has the sizes).
    minify: true,
    legalComments: 'eof',
    logLevel: 'error',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle(process.argv[2] ?? 'dist');
}
