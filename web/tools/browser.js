// Drives the relay's pages in a real browser through puppeteer-core, for the browser tests
// (tests/Tigress.Browser.Tests): Debian's chromium, headless (the default), or with --browser=firefox Debian's
// firefox-esr over WebDriver BiDi. puppeteer-core never downloads a browser. Prints JSON lines on stdout.
//   node tools/browser.js receive URL [PIN...]   press Receive on a share page, typing each PIN in turn while the page
//                                               says it was wrong; {status, code, content, attempts, ...}
//   node tools/browser.js crawl URL              load the page, run its scripts, press nothing; {title, ...}
//   node tools/browser.js press-all URL          a bot that presses every button: with an empty PIN, then with an
//                                               incomplete one (trusted input), then click() from a script
//   node tools/browser.js script-click URL       a bot whose script calls click() on every button (untrusted events)
//   node tools/browser.js prerender URL          chromium only: a page of the relay's origin prerenders URL through
//                                               speculation rules, a script clicks every button in the prerendered
//                                               page, then the page is activated (shown); nothing is pressed
//   node tools/browser.js audit BASE LINK PIN-LINK
//                                               chromium only, on a phone-sized screen: walks every state of the
//                                               pages (share form, PIN and file chosen, link shown, the page reopened
//                                               with its kept share, PIN entry, incomplete PIN, wrong PIN, receive
//                                               before press, received, gone) and prints one {state, look}
//                                               line for each: axe-core's violations (WCAG A/AA and best practices),
//                                               controls under 44 px, text outside landmarks, colours, the language
//                                               and direction, and every visible text with the direction it keeps.
//                                               LINK: a share whose sender is running; PIN-LINK: a relay-assisted PIN
//                                               share. --dark emulates prefers-color-scheme: dark
//   node tools/browser.js share BASE TEXT [pin|pin-page] [close]
//                                               share from the root page ('pin': the PIN checked by the relay where
//                                               it offers that; 'pin-page': checked by the page); {link, pin, ...},
//                                               then {outcome, events} or, with 'close', the tab is closed at once
//                                               ({closed, dialogs})
//   node tools/browser.js mine BASE STATE [cancel]
//                                               open the share page again and wait until its list of the shares
//                                               made in this browser shows one in STATE; {shares: [{state, text,
//                                               events}]}; with 'cancel', press that share's Cancel first
//   --file=PATH, --expiry=SECONDS               share: share this file instead of TEXT; choose this expiry
//   --title=T, --dpr=N, --share-sheet           share: the title to type (none with --title=); the screen's pixel
//                                               density; a stand-in navigator.share that records what it is given
//                                               (as on a phone), reported as sheet
//   --downloads=DIR                             receive: then press the page's download or save button and report
//                                               the file it saved in DIR ({saved: {name, base64}})
//   --profile=DIR                               keep the browser's profile (its storage) in DIR across runs, so that
//                                               'mine' sees what an earlier 'share' kept
// --lang=xx sets the browser's languages (navigator.languages and Accept-Language) to xx.
// Every line also carries `requests`: each request the page made, so the tests can check that none left the relay's
// origin and none carried the link's fragment (the prerender scenario cannot watch its requests: a watching
// DevTools session turns prerendering off).

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const options = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [command, target, ...rest] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const kind = options.includes('--browser=firefox') ? 'firefox' : 'chromium';
/** The value of the option --name=VALUE, if given. @param {string} name */
const option = (name) => options.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const profile = option('profile');
const language = option('lang');
const dark = options.includes('--dark');
const print = (/** @type {object} */ value) => process.stdout.write(JSON.stringify(value) + '\n');
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `check` holds, asking every 100 ms, for at most `seconds`: a loaded machine only makes it take longer.
 * @template T
 * @param {() => Promise<T>} check a value that is truthy once the condition holds
 * @param {string} what the condition, for the error
 * @param {number} [seconds]
 * @returns {Promise<T>}
 */
async function until(check, what, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${seconds} s: ${what}`);
    await sleep(100);
  }
}

// The flags the browser tests always use: no sandbox (root in a container), nothing fetched in the background.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (command === 'prerender') {
  await prerender(target);
} else if (command === 'audit') {
  await audit(target, rest[0], rest[1]);
} else {
  await drive();
}

async function launch() {
  if (kind === 'firefox') {
    return puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      headless: true,
      // puppeteer's own profile already turns off updates, telemetry and safe browsing; these are the rest of what
      // Firefox would fetch by itself.
      extraPrefsFirefox: {
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'network.dns.disablePrefetch': true,
        'network.prefetch-next': false,
        'browser.region.network.url': '',
        'toolkit.telemetry.enabled': false,
        ...(language ? { 'intl.accept_languages': language } : {}),
      },
    });
  }
  // Headless chromium takes its languages from --accept-lang (--lang alone changes only its own interface).
  const languageArgs = language ? [`--lang=${language}`, `--accept-lang=${language}`] : [];
  return puppeteer.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...languageArgs], ...(profile ? { userDataDir: profile } : {}) });
}

async function drive() {
  const browser = await launch();
  /** @type {{url: string, method: string, referer: string | null, origin: string}[]} */
  const requests = [];
  /** @type {string[]} */
  const dialogs = [];
  /** @type {string[]} */
  const consoleErrors = [];
  /** @type {string[]} */
  const pageErrors = [];
  try {
    const page = await browser.newPage();
    if (option('dpr')) await page.setViewport({ width: 800, height: 900, deviceScaleFactor: Number(option('dpr')) });
    if (options.includes('--share-sheet')) {
      await page.evaluateOnNewDocument(() => {
        /** @type {any} */ (window).sheet = [];
        /** @type {any} */ (navigator).share = async (/** @type {any} */ data) => void (/** @type {any} */ (window).sheet.push(data));
      });
    }
    // Chromium reports the headers a request really carries only to an interceptor; Firefox's are reported as sent.
    if (kind === 'chromium') await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:')) {
        const headers = request.headers();
        requests.push({ url, method: request.method(), referer: headers.referer ?? null, origin: new URL(url).origin });
      }
      if (kind === 'chromium') request.continue();
    });
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message() || dialog.type());
      await dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    // Uncaught errors of the page's own code, apart from what the browser logs itself (a refused request, say).
    // (Firefox reports a request the pages' CSP refuses, such as its own favicon request before the CSP allowed the
    // relay's icon, as a page error too.)
    page.on('pageerror', (error) => {
      consoleErrors.push(String(error));
      pageErrors.push(String(error));
    });

    if (command === 'receive' || command === 'crawl' || command === 'press-all' || command === 'script-click') {
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
        pinHint: document.querySelector('#pin-hint')?.textContent ?? null,
        expires: document.querySelector('#expires')?.textContent ?? null,
        expiresAt: /** @type {HTMLElement | null} */ (document.querySelector('#expires'))?.dataset.expires ?? null,
        once: document.querySelector('#once')?.textContent ?? null,
      }));
      if (command === 'crawl' || before.button === null) {
        print({ ...before, requests, dialogs, consoleErrors });
      } else if (command === 'press-all') {
        print({ ...before, presses: await pressAll(page), ...(await state(page)), requests, dialogs, consoleErrors });
      } else if (command === 'script-click') {
        await page.evaluate(() => document.querySelectorAll('button').forEach((b) => b.click()));
        await sleep(2000);
        print({ ...before, ...(await state(page)), requests, dialogs, consoleErrors });
      } else {
        const attempts = [];
        const pins = rest.length > 0 ? rest : [undefined];
        for (const pin of pins) {
          if (pin !== undefined) {
            await page.$eval('#pin', (input) => {
              /** @type {HTMLInputElement} */ (input).value = '';
            });
            await page.type('#pin', pin);
          }
          await page.click('#receive');
          await page.waitForFunction(() => document.querySelector('#content') || document.querySelector('#file') || document.querySelector('#status.error'), { timeout: 120000 });
          const after = await state(page);
          attempts.push({ code: after.code, status: after.status, guessesLeft: after.guessesLeft });
          if (after.content !== null || after.file !== null || after.code !== 'wrong-pin') break;
        }
        const saved = option('downloads') ? await download(page, /** @type {string} */ (option('downloads'))) : null;
        print({ ...before, ...(await state(page)), attempts, saved, requests, dialogs, consoleErrors, pageErrors });
      }
    } else if (command === 'share') {
      await page.goto(target, { waitUntil: 'networkidle0' });
      const expiryChoices = await page.$$eval('#expiry option', (o) => o.map((x) => /** @type {HTMLOptionElement} */ (x).value));
      if (option('file')) {
        await page.click('#kind-file');
        const input = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (await page.$('#file'));
        await input.uploadFile(/** @type {string} */ (option('file')));
      } else {
        await page.type('#secret', rest[0]);
      }
      if (option('expiry')) await page.select('#expiry', /** @type {string} */ (option('expiry')));
      const title = option('title') ?? 'From the browser';
      if (title !== '') await page.type('#title', title);
      if (rest[1] === 'pin' || rest[1] === 'pin-page') await page.click('#pin-option');
      if (rest[1] === 'pin-page') {
        // The choice is offered only where the relay checks PINs itself; elsewhere the page checks it anyway.
        await page.waitForFunction(() => !(/** @type {HTMLElement} */ (document.querySelector('#pin-modes')).hidden), { timeout: 5000 }).catch(() => {});
        if (await page.$eval('#pin-modes', (f) => !(/** @type {HTMLElement} */ (f).hidden))) await page.click('#pin-page');
      }
      const advice = await page.$eval('#pin-advice', (p) => p.textContent);
      const offered = await page.$eval('#pin-modes', (f) => !(/** @type {HTMLElement} */ (f).hidden));
      await page.click('#share');
      await page.waitForSelector('#link', { timeout: 60000 });
      const shared = await page.evaluate(() => ({
        link: /** @type {HTMLInputElement} */ (document.querySelector('#link')).value,
        pin: document.querySelector('#pin')?.textContent ?? null,
        qr: !!document.querySelector('canvas'),
        closeNote: document.querySelector('#close-note')?.textContent ?? null,
        expires: document.querySelector('#expires')?.textContent ?? null,
        shareButton: !!document.querySelector('#share-link'),
        browserHasShare: typeof navigator.share === 'function',
        qrWidth: /** @type {HTMLCanvasElement} */ (document.querySelector('canvas')).width,
        qrCssWidth: /** @type {HTMLCanvasElement} */ (document.querySelector('canvas')).getBoundingClientRect().width,
      }));
      const sheet = options.includes('--share-sheet')
        ? await page.click('#share-link').then(() => page.evaluate(() => /** @type {any} */ (window).sheet))
        : null;
      print({ ...shared, advice, pinModesOffered: offered, expiryChoices, sheet, requests: [...requests] });
      if (rest[2] === 'close') {
        // Closed as a person closes a tab: a beforeunload handler that objects shows a dialog, which is dismissed,
        // and the page then stays open.
        await page.close({ runBeforeUnload: true });
        await sleep(1000);
        print({ closed: page.isClosed(), dialogs, consoleErrors, pageErrors });
      } else {
        await page.waitForSelector('#state[data-outcome]', { timeout: 180000 });
        const outcome = await page.evaluate(() => ({
          outcome: /** @type {HTMLElement} */ (document.querySelector('#state')).dataset.outcome,
          state: document.querySelector('#state')?.textContent,
          events: [...document.querySelectorAll('#events li')].map((li) => /** @type {HTMLElement} */ (li).dataset.event),
          eventTexts: [...document.querySelectorAll('#events li')].map((li) => li.textContent),
        }));
        print({ ...outcome, requests, dialogs, consoleErrors });
      }
    } else if (command === 'mine') {
      // A live share's event stream stays open, so the network never goes idle.
      await page.goto(target, { waitUntil: 'load' });
      await page.waitForSelector('body[data-kept]', { timeout: 30000 });
      const [wanted, action] = rest;
      const selector = `#my-shares li.kept[data-state="${wanted}"]`;
      if (action === 'cancel') {
        await page.waitForSelector('#my-shares li.kept .kept-cancel', { timeout: 60000 });
        await page.click('#my-shares li.kept .kept-cancel');
      }
      await page.waitForSelector(selector, { timeout: 60000 });
      const shares = await page.$$eval('#my-shares li.kept', (items) => items.map((li) => ({
        state: /** @type {HTMLElement} */ (li).dataset.state,
        text: li.querySelector('.kept-state')?.textContent ?? null,
        title: li.querySelector('strong')?.textContent ?? null,
        cancel: !!li.querySelector('.kept-cancel'),
        events: [...li.querySelectorAll('.kept-events li')].map((e) => ({
          event: /** @type {HTMLElement} */ (e).dataset.event,
          guessesLeft: /** @type {HTMLElement} */ (e).dataset.guessesLeft ?? null,
          text: e.textContent,
        })),
      })));
      const heading = await page.$eval('#mine-title', (h) => h.textContent);
      // A share whose end was seen is forgotten: loaded again, the page no longer lists it.
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('body[data-kept]', { timeout: 30000 });
      const keptAfter = await page.$eval('body', (b) => Number(/** @type {HTMLElement} */ (b).dataset.kept));
      print({ heading, shares, keptAfter, requests, dialogs, consoleErrors, pageErrors });
    } else {
      throw new Error(`unknown command ${command}`);
    }
  } finally {
    await browser.close();
  }
}

/**
 * Presses the receive page's download button (a file) or save button (a text) and waits for the file to land in dir.
 * @param {import('puppeteer-core').Page} page @param {string} dir
 */
async function download(page, dir) {
  const { readdir, readFile } = await import('node:fs/promises');
  const session = await page.browser().target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
  const button = (await page.$('#download')) ?? (await page.$('#save'));
  if (!button) return null;
  await button.click();
  for (let waited = 0; waited < 30000; waited += 100) {
    const done = (await readdir(dir)).filter((n) => !n.endsWith('.crdownload'));
    if (done.length > 0) return { name: done[0], base64: (await readFile(join(dir, done[0]))).toString('base64'), button: await button.evaluate((b) => b.id) };
    await sleep(100);
  }
  throw new Error('the download did not arrive within 30 s');
}

/** What the receive page shows now. @param {import('puppeteer-core').Page} page */
function state(page) {
  return page.evaluate(() => {
    const status = /** @type {HTMLElement | null} */ (document.querySelector('#status'));
    return {
      content: document.querySelector('#content')?.textContent ?? null,
      file: /** @type {HTMLElement | null} */ (document.querySelector('#file'))?.dataset.name ?? null,
      fileText: document.querySelector('#file')?.textContent ?? null,
      onceAfter: document.querySelector('#once')?.textContent ?? null,
      expiresAfter: document.querySelector('#expires')?.textContent ?? null,
      status: status?.textContent ?? null,
      code: status?.dataset.code ?? null,
      guessesLeft: status?.dataset.guessesLeft ?? null,
      address: location.href,
      storage: localStorage.length + sessionStorage.length,
    };
  });
}

/**
 * A link-checking bot that presses everything it finds: each button with the PIN field empty, then with an incomplete
 * PIN, then each button's click() from a script (untrusted events). @param {import('puppeteer-core').Page} page
 */
async function pressAll(page) {
  const presses = [];
  const pressEach = async (/** @type {string} */ how) => {
    for (const button of await page.$$('button')) {
      if (await button.evaluate((b) => b.isConnected && !(/** @type {HTMLButtonElement} */ (b)).disabled)) await button.click();
    }
    // Whatever a press started has finished once the page no longer says it is receiving.
    await sleep(500);
    await page.waitForFunction(() => !document.querySelector('#status[data-busy]'), { timeout: 60000 }).catch(() => {});
    presses.push({ how, ...(await state(page)) });
  };
  await pressEach('empty PIN');
  if (await page.$('#pin')) {
    await page.type('#pin', '12345');
    await pressEach('incomplete PIN');
  }
  await page.evaluate(() => document.querySelectorAll('button').forEach((b) => b.click()));
  await sleep(1500);
  presses.push({ how: 'script click()', ...(await state(page)) });
  return presses;
}

/**
 * Chromium only. DevTools attached to a page turns prerendering off, so the browser is started here with a debugging
 * port and puppeteer attaches to the browser only; it attaches to a page just long enough to plant a timer that
 * adds the speculation rules after it has let go again.
 * @param {string} link
 */
async function prerender(link) {
  const origin = new URL(link).origin;
  const profile = await mkdtemp(join(tmpdir(), 'tigress-prerender-'));
  const chromium = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, ...CHROMIUM_ARGS, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const endpoint = await new Promise((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error('chromium did not open its debugging port')), 30000);
      chromium.stderr.on('data', (chunk) => {
        text += chunk;
        const match = text.match(/DevTools listening on (ws:\S+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      chromium.on('exit', () => reject(new Error(`chromium exited: ${text}`)));
    });
    const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, targetFilter: (t) => t.type() === 'browser' });
    try {
      const cdp = await browser.target().createCDPSession();
      const connection = /** @type {import('puppeteer-core').Connection} */ (cdp.connection());
      /** @param {string} targetId */
      const attach = async (targetId) => /** @type {import('puppeteer-core').CDPSession} */ (connection.session((await cdp.send('Target.attachToTarget', { targetId, flatten: true })).sessionId));
      /** @param {import('puppeteer-core').CDPSession} session */
      const detach = (session) => cdp.send('Target.detachFromTarget', { sessionId: session.id() });
      // Any same-origin document can hold the rules; the capability document needs no claim and changes nothing.
      await cdp.send('Target.setDiscoverTargets', { discover: true });
      const { targetId } = await cdp.send('Target.createTarget', { url: `${origin}/v1` });
      const planting = await attach(targetId);
      await until(
        async () => (await planting.send('Runtime.evaluate', { expression: 'location.href + " " + document.readyState' })).result.value === `${origin}/v1 complete`,
        'the relay page that holds the rules loaded');
      // The rules go in once this session has let go; the page's title says when, which the browser reports without
      // attaching to the page (a session attached before the rules are in turns the prerender off).
      const rules = JSON.stringify({ prerender: [{ source: 'list', urls: [link] }] });
      await planting.send('Runtime.evaluate', {
        expression: `setTimeout(() => { const s = document.createElement('script'); s.type = 'speculationrules'; s.textContent = ${JSON.stringify(rules)}; document.head.append(s); document.title = 'rules planted'; }, 2000)`,
      });
      await detach(planting);
      await until(
        async () => (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === targetId && t.title === 'rules planted'),
        'the speculation rules were added');

      // Now look: the attempt's status (replayed on enable, then each change) until it is ready, then the page itself.
      const watching = await attach(targetId);
      /** @type {string[]} */
      const statuses = [];
      watching.on('Preload.prerenderStatusUpdated', (e) => statuses.push(e.status + (e.prerenderStatus ? ` ${e.prerenderStatus}` : '')));
      await watching.send('Preload.enable');
      await until(async () => statuses.some((s) => s === 'Ready' || s.startsWith('Failure')), 'the prerender was ready or failed');
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
      const tab = targetInfos.find((t) => t.type === 'tab' && t.url === `${origin}/v1`);
      /** @type {any} */
      let prerendered = null;
      if (tab) {
        const tabSession = await attach(tab.targetId);
        /** @type {any[]} */
        const children = [];
        tabSession.on('Target.attachedToTarget', (e) => children.push(e));
        await tabSession.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true, filter: [{}] });
        const child = statuses.includes('Ready')
          ? await until(async () => children.find((c) => c.targetInfo.subtype === 'prerender'), 'the prerendered page was attached', 30)
          : undefined;
        if (child) {
          const session = /** @type {import('puppeteer-core').CDPSession} */ (connection.session(child.sessionId));
          const look = `JSON.stringify({ prerendering: document.prerendering, visibility: document.visibilityState, button: !!document.querySelector('#receive'), buttons: document.querySelectorAll('button').length, app: document.querySelector('#app')?.textContent ?? null })`;
          const seen = JSON.parse((await session.send('Runtime.evaluate', { expression: look })).result.value);
          // A scanner's script in the prerendered page clicks whatever it finds.
          await session.send('Runtime.evaluate', { expression: "document.querySelectorAll('button').forEach((b) => b.click()); 0" });
          await sleep(1000);
          prerendered = { ...seen, afterClicks: JSON.parse((await session.send('Runtime.evaluate', { expression: look })).result.value) };
        }
      }
      await watching.send('Preload.disable');
      await detach(watching);

      // Activation: the person follows the link in that tab, and the prerendered page is shown.
      const activating = await attach(targetId);
      await activating.send('Runtime.evaluate', { expression: `setTimeout(() => { location.href = ${JSON.stringify(link)}; }, 300); 0` });
      await detach(activating);
      // An activated prerender replaces the tab's page target with its own.
      const showing = async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'page' && t.url === link);
      await until(async () => (await showing()).length > 0, 'a page showed the link after activation');
      const pages = await showing();
      if (pages.length !== 1) throw new Error(`after activation ${pages.length} pages show the link`);
      const shown = await attach(pages[0].targetId);
      await until(
        async () => (await shown.send('Runtime.evaluate', { expression: "document.readyState === 'complete' && !document.prerendering && document.querySelector('#status') !== null" })).result.value,
        'the page shown after activation finished loading');
      const after = JSON.parse((await shown.send('Runtime.evaluate', {
        expression: `JSON.stringify({ url: location.href, prerendering: document.prerendering, activated: performance.getEntriesByType('navigation')[0]?.activationStart > 0, button: document.querySelector('#receive')?.textContent ?? null, status: document.querySelector('#status')?.textContent ?? null })`,
      })).result.value);
      print({ statuses, prerendered, activated: after });
    } finally {
      await browser.disconnect();
    }
  } finally {
    chromium.kill();
    await new Promise((resolve) => (chromium.exitCode !== null ? resolve(null) : chromium.once('exit', resolve)));
    // Chromium's helper processes may still be writing into the profile for a moment after the browser exits.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/**
 * Every state of the pages a person can reach, each looked at as a whole (see look()). Chromium only.
 * @param {string} base the relay @param {string} link a share whose sender is running @param {string} pinLink a relay-assisted PIN share
 */
async function audit(base, link, pinLink) {
  const axeSource = await readFile(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    // A phone: the size of a common one, touch, and its pixel density.
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    if (dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    /** @type {string[]} */
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    // Leaving the share page while it follows a share asks first (beforeunload): leave.
    page.on('dialog', (dialog) => dialog.accept());
    const report = async (/** @type {string} */ state) => print({ state, ...(await look(page, axeSource)), pageErrors: [...pageErrors] });

    await page.goto(base, { waitUntil: 'networkidle0' });
    await report('share form');
    await page.click('#pin-option');
    await page.waitForFunction(() => !(/** @type {HTMLElement} */ (document.querySelector('#pin-modes')).hidden), { timeout: 10000 }).catch(() => {});
    await report('share form, PIN chosen');
    await page.click('#pin-option');
    await page.click('#kind-file');
    await report('share form, file chosen');
    await page.click('#kind-text');
    await page.type('#secret', 'an audit secret');
    await page.type('#title', 'Audit title');
    await page.click('#share');
    await page.waitForSelector('#link', { timeout: 60000 });
    await report('link shown');
    // Opened again, the page lists the share this browser made (kept in IndexedDB) and follows its event stream, so
    // the network never goes quiet.
    await page.goto(base, { waitUntil: 'load' });
    await page.waitForSelector('#my-shares .kept', { timeout: 30000 });
    await report('share page reopened');

    await page.goto(pinLink, { waitUntil: 'networkidle0' });
    await report('PIN entry');
    await page.type('#pin', '123');
    await page.click('#receive');
    await page.waitForSelector('#status[data-code="pin-incomplete"]', { timeout: 10000 });
    await report('PIN incomplete');
    await page.$eval('#pin', (input) => {
      /** @type {HTMLInputElement} */ (input).value = '';
    });
    await page.type('#pin', '0000000');
    await page.click('#receive');
    await page.waitForSelector('#status.error[data-code="wrong-pin"]', { timeout: 60000 });
    await report('wrong PIN');

    await page.goto(link, { waitUntil: 'networkidle0' });
    await report('receive before press');
    await page.click('#receive');
    await page.waitForSelector('#content', { timeout: 120000 });
    await report('received');

    await page.goto(link.split('#')[0], { waitUntil: 'networkidle0' });
    await report('gone');
  } finally {
    await browser.close();
  }
}

/**
 * One state of a page, as a checker sees it: axe-core (WCAG 2.x A and AA, and best practices), every control's touch
 * target (its own box, or the <label> around it, which operates it too), text outside any landmark, the colours of
 * the page and of its buttons, the language and direction, and every visible text and accessible name with the
 * direction its element keeps (dir="auto" or "ltr" on it or an ancestor: the sender's words, the link, the PIN).
 * @param {import('puppeteer-core').Page} page @param {string} axeSource
 */
async function look(page, axeSource) {
  // Injected through DevTools, which the page's CSP does not govern; axe itself needs no string-to-markup sink.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const axe = await page.evaluate(async () => {
    const axe = /** @type {any} */ (window).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((/** @type {any} */ v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((/** @type {any} */ n) => n.target.join(' ')) }));
  });
  const seen = await page.evaluate(() => {
    const visible = (/** @type {Element} */ e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const describe = (/** @type {Element} */ e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (e.tagName === 'INPUT' ? `[type=${e.getAttribute('type') ?? 'text'}]` : '');
    const keepsOwnDirection = (/** @type {Element | null} */ e) => !!e?.closest('[dir="auto"], [dir="ltr"]');
    const controls = [...document.querySelectorAll('input, button, select, textarea')].filter(visible).map((control) => {
      const label = control.closest('label');
      const height = Math.max(control.getBoundingClientRect().height, label ? label.getBoundingClientRect().height : 0);
      return { control: describe(control), height: Math.round(height * 10) / 10 };
    });
    /** @type {{text: string, ownDirection: boolean, inLandmark: boolean, element: string}[]} */
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = /** @type {Element} */ (node.parentElement);
      const text = (node.textContent ?? '').trim();
      if (!text || !visible(parent) || parent.closest('noscript, script, style')) continue;
      texts.push({ text, ownDirection: keepsOwnDirection(parent), inLandmark: !!parent.closest('main, header, footer, nav, aside, [role="main"], [role="banner"], [role="contentinfo"]'), element: describe(parent) });
    }
    // Accessible names and hints that are no text node: aria-label, alt, title, placeholder.
    for (const element of document.querySelectorAll('[aria-label], [alt], [title], [placeholder]')) {
      for (const name of ['aria-label', 'alt', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) texts.push({ text: value, ownDirection: keepsOwnDirection(element), inLandmark: true, element: `${describe(element)}@${name}` });
      }
    }
    const colours = (/** @type {Element | null} */ e) => (e ? { color: getComputedStyle(e).color, background: getComputedStyle(e).backgroundColor } : null);
    const button = [...document.querySelectorAll('button')].find((b) => visible(b) && !(/** @type {HTMLButtonElement} */ (b)).disabled) ?? null;
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      titleIsSenders: !document.querySelector('title[data-i18n]'),
      controls,
      smallControls: controls.filter((c) => c.height < 44),
      texts,
      outsideLandmarks: texts.filter((t) => !t.inLandmark).map((t) => t.text),
      page: colours(document.body),
      hint: colours(document.querySelector('p.hint')),
      button: colours(button),
      senderText: [...document.querySelectorAll('h1[dir], h1 + p[dir], #content')].map((e) => ({ element: describe(e), dir: e.getAttribute('dir'), text: e.textContent })),
    };
  });
  return { axe, ...seen };
}
