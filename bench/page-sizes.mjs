// The browser pages' scripts as the relay serves them: uncompressed, gzip and Brotli at the relay's settings
// (gzip at its smallest size, Brotli quality 11 with a 4 MiB window), from web/dist or the files given.
//   node bench/page-sizes.mjs [FILE...]

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dist).filter((n) => n.endsWith('.js')).map((n) => join(dist, n));
for (const file of files) {
  const bytes = readFileSync(file);
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 22 } });
  console.log(`${file}: ${bytes.length} bytes, gzip ${gzipSync(bytes, { level: 9 }).length}, brotli ${brotli.length}`);
}
