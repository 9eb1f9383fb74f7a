// Draws the relay's default preview image (assets/preview.png, 1200x630, the OpenGraph size): a white padlock on
// the pages' teal, no text, so that it reads in any language. Deterministic; run it once and commit the result.
//   node build/preview-image.js

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const WIDTH = 1200;
const HEIGHT = 630;
const BACKGROUND = [0x1f, 0x4e, 0x5f];
const LOCK = [0xff, 0xff, 0xff];
const ACCENT = [0xf2, 0xb1, 0x34];

/** The colour of one pixel. @param {number} x @param {number} y */
function pixel(x, y) {
  const cx = 600;
  const inBody = x >= 470 && x < 730 && y >= 285 && y < 485 && !roundedOut(x, y, 470, 285, 730, 485, 28);
  const keyhole = (x - cx) ** 2 + (y - 365) ** 2 < 26 ** 2 || (x >= cx - 11 && x < cx + 11 && y >= 365 && y < 430);
  if (inBody) return keyhole ? BACKGROUND : LOCK;
  const r2 = (x - cx) ** 2 + (y - 285) ** 2;
  if (y < 285 && r2 < 100 ** 2 && r2 >= 66 ** 2) return LOCK;
  if (y >= 285 && y < 300 && ((x >= cx - 100 && x < cx - 66) || (x >= cx + 66 && x < cx + 100))) return LOCK;
  if (y >= 560 && y < 572 && x >= 520 && x < 680) return ACCENT;
  return BACKGROUND;
}

/** Is (x, y) outside the rounded corners of the rectangle? */
function roundedOut(/** @type {number[]} */ ...[x, y, left, top, right, bottom, r]) {
  const dx = x < left + r ? left + r - x : x >= right - r ? x - (right - r - 1) : 0;
  const dy = y < top + r ? top + r - y : y >= bottom - r ? y - (bottom - r - 1) : 0;
  return dx > 0 && dy > 0 && dx * dx + dy * dy > r * r;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Buffer} bytes */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const rows = Buffer.alloc(HEIGHT * (1 + WIDTH * 3));
for (let y = 0, o = 0; y < HEIGHT; y++) {
  rows[o++] = 0; // filter: none
  for (let x = 0; x < WIDTH; x++) {
    const [r, g, b] = pixel(x, y);
    rows[o++] = r;
    rows[o++] = g;
    rows[o++] = b;
  }
}
const header = Buffer.alloc(13);
header.writeUInt32BE(WIDTH, 0);
header.writeUInt32BE(HEIGHT, 4);
header[8] = 8; // bit depth
header[9] = 2; // truecolour
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(new URL('../assets/preview.png', import.meta.url)), png);
