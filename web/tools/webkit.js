// Drives the receive page in WebKitGTK (Debian's MiniBrowser) through WebKitWebDriver, over plain WebDriver HTTP
// (W3C WebDriver), under its own Xvfb, for the browser tests (tests/Tigress.Browser.Tests). Prints one JSON line.
//   node tools/webkit.js receive URL [PIN...]   press Receive, typing each PIN in turn while the page says it was
//                                              wrong; {title, hasPin, content, status, code, attempts, address}
// Both servers are started here on loopback and stopped before it exits; nothing is fetched from elsewhere.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const [command, target, ...pins] = process.argv.slice(2);
const XVFB = process.env.XVFB ?? '/usr/bin/Xvfb';
const DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

if (command !== 'receive') throw new Error(`unknown command ${command}`);

/** A free loopback port. @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(address.port));
    });
  });
}

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
/** @param {import('node:child_process').ChildProcess} child */
const stop = (child) => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
  child.once('exit', resolve);
  child.kill();
});

try {
  // Xvfb picks a free display itself and writes its number to fd 3.
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  children.push(xvfb);
  const display = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not start')), 20000);
    /** @type {import('node:stream').Readable} */ (xvfb.stdio[3]).on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  const port = await freePort();
  const driver = spawn(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISPLAY: display } });
  children.push(driver);
  const base = `http://127.0.0.1:${port}`;

  /** One WebDriver command. @param {string} method @param {string} path @param {object} [body] */
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = /** @type {any} */ (await response.json());
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error} ${json.value?.message}`);
    return json.value;
  };

  for (let i = 0; ; i++) {
    try {
      await call('GET', '/status');
      break;
    } catch (error) {
      if (i > 100) throw error;
      await sleep(200);
    }
  }
  const session = await call('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
  });
  const s = `/session/${session.sessionId}`;
  try {
    /** @param {string} script */
    const run = (script) => call('POST', `${s}/execute/sync`, { script, args: [] });
    /** @param {string} css */
    const find = async (css) => (await call('POST', `${s}/element`, { using: 'css selector', value: css }))[ELEMENT];
    const state = async () => JSON.parse(await run(`const status = document.querySelector('#status');
      return JSON.stringify({ content: document.querySelector('#content')?.textContent ?? null, status: status?.textContent ?? null,
        code: status?.dataset.code ?? null, guessesLeft: status?.dataset.guessesLeft ?? null, busy: !!status?.hasAttribute('data-busy'), address: location.href,
        onceAfter: document.querySelector('#once')?.textContent ?? null });`));

    await call('POST', `${s}/url`, { url: target });
    // The page's module script may still be running when navigation returns: wait until it has drawn the page.
    for (let i = 0; i < 100 && !(await run("return !!document.querySelector('#receive, #status');")); i++) await sleep(100);
    const before = JSON.parse(await run(`return JSON.stringify({ title: document.querySelector('h1')?.textContent ?? null,
      button: document.querySelector('#receive')?.textContent ?? null, hasPin: !!document.querySelector('#pin'),
      expires: document.querySelector('#expires')?.textContent ?? null, expiresAt: document.querySelector('#expires')?.dataset.expires ?? null,
      once: document.querySelector('#once')?.textContent ?? null,
      visibility: document.visibilityState, browser: navigator.userAgent });`));
    /** @type {object[]} */
    const attempts = [];
    if (before.button !== null) {
      for (const pin of pins.length > 0 ? pins : [undefined]) {
        if (pin !== undefined) {
          const input = await find('#pin');
          await call('POST', `${s}/element/${input}/clear`, {});
          await call('POST', `${s}/element/${input}/value`, { text: pin });
        }
        await call('POST', `${s}/element/${await find('#receive')}/click`, {});
        let now = await state();
        for (let i = 0; i < 600 && now.content === null && !(now.code !== null && !now.busy); i++) {
          await sleep(200);
          now = await state();
        }
        attempts.push({ code: now.code, status: now.status, guessesLeft: now.guessesLeft });
        if (now.content !== null || now.code !== 'wrong-pin') break;
      }
    }
    process.stdout.write(JSON.stringify({ ...before, ...(await state()), attempts }) + '\n');
  } finally {
    await call('DELETE', s).catch(() => {});
  }
} finally {
  for (const child of children.reverse()) await stop(child);
}
