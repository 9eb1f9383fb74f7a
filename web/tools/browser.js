// Drives the relay's pages in Debian's chromium, headless, through puppeteer-core, for the browser tests
// (tests/Tigress.Browser.Tests). Prints JSON lines on stdout.
//   node tools/browser.js receive URL [PIN]   press Receive on a share page; {status, code, content, ...}
//   node tools/browser.js crawl URL           load the page, run its scripts, press nothing; {title, ...}
//   node tools/browser.js share BASE TEXT [pin]   share from the root page; {link, pin}, then {outcome, events}
// Every line also carries `requests`: each request the page made, so the tests can check that none left the relay's
// origin and none carried the link's fragment.

import puppeteer from 'puppeteer-core';

const [command, target, ...rest] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const print = (/** @type {object} */ value) => process.stdout.write(JSON.stringify(value) + '\n');

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
/** @type {{url: string, method: string, referer: string | null, origin: string}[]} */
const requests = [];
/** @type {string[]} */
const dialogs = [];
/** @type {string[]} */
const consoleErrors = [];
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:')) {
      const headers = request.headers();
      requests.push({ url, method: request.method(), referer: headers.referer ?? null, origin: new URL(url).origin });
    }
    request.continue();
  });
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  if (command === 'receive' || command === 'crawl') {
    await page.goto(target, { waitUntil: 'networkidle0' });
    const before = await page.evaluate(() => ({
      title: document.querySelector('h1')?.textContent ?? null,
      description: document.querySelector('h1 + p')?.textContent ?? null,
      images: document.querySelectorAll('img').length,
      scriptsRan: !!document.querySelector('#receive, #status'),
      button: document.querySelector('#receive')?.textContent ?? null,
      status: document.querySelector('#status')?.textContent ?? null,
      gone: document.querySelector('#gone')?.textContent ?? null,
      hasPin: !!document.querySelector('#pin'),
    }));
    if (command === 'crawl' || before.button === null) {
      print({ ...before, requests, dialogs, consoleErrors });
    } else {
      if (rest[0] !== undefined) await page.type('#pin', rest[0]);
      await page.click('#receive');
      await page.waitForFunction(() => document.querySelector('#content') || document.querySelector('#status.error'), { timeout: 120000 });
      const after = await page.evaluate(() => ({
        content: document.querySelector('#content')?.textContent ?? null,
        status: document.querySelector('#status')?.textContent ?? null,
        code: /** @type {HTMLElement | null} */ (document.querySelector('#status'))?.dataset.code ?? null,
        address: location.href,
        storage: localStorage.length + sessionStorage.length,
      }));
      print({ ...before, ...after, requests, dialogs, consoleErrors });
    }
  } else if (command === 'share') {
    await page.goto(target, { waitUntil: 'networkidle0' });
    await page.type('#secret', rest[0]);
    await page.type('#title', 'From the browser');
    if (rest[1] === 'pin') await page.click('#pin-option');
    await page.click('#share');
    await page.waitForSelector('#link', { timeout: 60000 });
    const shared = await page.evaluate(() => ({
      link: /** @type {HTMLInputElement} */ (document.querySelector('#link')).value,
      pin: document.querySelector('#pin')?.textContent ?? null,
      qr: !!document.querySelector('canvas'),
    }));
    print({ ...shared, requests: [...requests] });
    await page.waitForSelector('#state[data-outcome]', { timeout: 180000 });
    const outcome = await page.evaluate(() => ({
      outcome: /** @type {HTMLElement} */ (document.querySelector('#state')).dataset.outcome,
      state: document.querySelector('#state')?.textContent,
      events: [...document.querySelectorAll('#events li')].map((li) => /** @type {HTMLElement} */ (li).dataset.event),
    }));
    print({ ...outcome, requests, dialogs, consoleErrors });
  } else {
    throw new Error(`unknown command ${command}`);
  }
} finally {
  await browser.close();
}
