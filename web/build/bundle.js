// Builds the files the relay serves (web/dist) from web/pages and web/src with the packages pinned in
// package-lock.json: one self-contained ES module per page, so Subresource Integrity covers all its code.
//   node build/bundle.js [outdir]     (npm run bundle writes web/dist, which is committed)

import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The messages (web/i18n) each page carries, by key prefix: every language is bundled, but only the words the page
 * can show (the gone page's words are the relay's alone).
 */
export const PAGE_MESSAGES = {
  receive: ['meta.', 'common.', 'receive.', 'error.'],
  share: ['meta.', 'common.', 'share.', 'kept.', 'event.', 'outcome.', 'error.'],
};

/** Loads each message file with only the messages of one page. @param {string[]} prefixes @returns {import('esbuild').Plugin} */
function pageMessages(prefixes) {
  return {
    name: 'page-messages',
    setup(builder) {
      builder.onLoad({ filter: /[\\/]i18n[\\/][a-z]+\.json$/ }, async (args) => {
        const messages = JSON.parse(await readFile(args.path, 'utf8'));
        const kept = Object.fromEntries(Object.entries(messages).filter(([key]) => prefixes.some((prefix) => key.startsWith(prefix))));
        return { contents: JSON.stringify(kept), loader: 'json' };
      });
    },
  };
}

/** @param {string} outdir */
export async function bundle(outdir) {
  for (const [page, prefixes] of Object.entries(PAGE_MESSAGES)) {
    await build({
      absWorkingDir: root,
      entryPoints: [`pages/${page}.js`],
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
      plugins: [pageMessages(prefixes)],
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle(process.argv[2] ?? 'dist');
}
