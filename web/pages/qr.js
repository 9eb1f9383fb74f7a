// Draws a QR code of a share link on a canvas, in the page: the link's fragment never goes to a QR service.

import qrcode from 'qrcode-generator';

/**
 * The QR code, `scale` CSS pixels a module, drawn at the screen's pixel density so that it stays crisp (a phone's
 * camera reads a sharp code from another screen more easily). @param {string} text @param {string} label what a
 * screen reader says @returns {HTMLCanvasElement}
 */
export function qrCanvas(text, label, scale = 4, margin = 4) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const size = (count + 2 * margin) * scale;
  // Whole device pixels per module: a fractional one would blur the edges again.
  const density = Math.max(1, Math.ceil(globalThis.devicePixelRatio || 1));
  const canvas = document.createElement('canvas');
  canvas.width = size * density;
  canvas.height = size * density;
  canvas.style.width = `${size}px`;
  canvas.style.height = `${size}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const cell = scale * density;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) ctx.fillRect((col + margin) * cell, (row + margin) * cell, cell, cell);
    }
  }
  return canvas;
}
