// Drives the receive page in WebKitGTK (Debian's MiniBrowser) through WebKitWebDriver, over plain WebDriver HTTP
// (W3C WebDriver), under its own Xvfb, for the browser tests (tests/Tigress.Browser.Tests). Prints JSON lines.
//   node tools/webkit.js receive URL [PIN...]   press Receive, typing each PIN in turn while the page says it was
//                                              wrong; {title, hasPin, content, status, code, attempts, address}
//   node tools/webkit.js share BASE TEXT [pin|none] [close]
//                                              share TEXT from the root page ('pin': the PIN as the page chooses it,
//                                              checked by the relay where it offers that); {link, pin, ...}, then
//                                              {outcome, events} once the page says what became of it, or with
//                                              'close' the window is closed at once ({closed})
// Both servers are started here on loopback and stopped before it exits; nothing is fetched from elsewhere.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const [command, target, ...pins] = process.argv.slice(2);
const [text, pinChoice, closeChoice] = pins;
const XVFB = process.env.XVFB ?? '/usr/bin/Xvfb';
const DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

if (command !== 'receive' && command !== 'share') throw new Error(`unknown command ${command}`);

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

    /**
     * Waits until the script's value is truthy, asking every 200 ms for at most `seconds`; a loaded machine only
     * makes it take longer. @param {string} script @param {string} what @param {number} [seconds]
     */
    const until = async (script, what, seconds = 120) => {
      const deadline = Date.now() + seconds * 1000;
      for (;;) {
        const value = await run(script);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`not within ${seconds} s: ${what}`);
        await sleep(200);
      }
    };

    if (command === 'share') {
      await call('POST', `${s}/url`, { url: target });
      // The module script may still be running when navigation returns: wait until it has read the relay's choices.
      await until("return !!document.querySelector('#share-form #share') && document.querySelectorAll('#expiry option').length > 0;", 'the share page was drawn');
      await call('POST', `${s}/element/${await find('#secret')}/value`, { text });
      if (pinChoice === 'pin') await call('POST', `${s}/element/${await find('#pin-option')}/click`, {});
      await call('POST', `${s}/element/${await find('#share')}/click`, {});
      await until("return !!document.querySelector('#link') || !!document.querySelector('#result .error');", 'the link or an error was shown');
      const shared = JSON.parse(await run(`return JSON.stringify({ link: document.querySelector('#link')?.value ?? null,
        pin: document.querySelector('#pin')?.textContent ?? null, error: document.querySelector('#result .error')?.textContent ?? null,
        closeNote: document.querySelector('#close-note')?.textContent ?? null, qr: !!document.querySelector('canvas'),
        browser: navigator.userAgent });`));
      process.stdout.write(JSON.stringify(shared) + '\n');
      if (shared.link === null) throw new Error(`the page showed no link: ${shared.error}`);
      if (closeChoice === 'close') {
        // Closed as a person closes the window; the share must not need the page any more.
        await call('DELETE', `${s}/window`);
        process.stdout.write(JSON.stringify({ closed: true }) + '\n');
      } else {
        await until("return !!document.querySelector('#state[data-outcome]');", 'the page said what became of the share', 240);
        const outcome = JSON.parse(await run(`return JSON.stringify({ outcome: document.querySelector('#state').dataset.outcome,
          state: document.querySelector('#state').textContent, events: [...document.querySelectorAll('#events li')].map((li) => li.dataset.event) });`));
        process.stdout.write(JSON.stringify(outcome) + '\n');
      }
    } else {
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
    }
  } finally {
    await call('DELETE', s).catch(() => {});
  }
} finally {
  for (const child of children.reverse()) await stop(child);
}
