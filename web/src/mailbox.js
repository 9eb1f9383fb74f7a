// The mailbox API client (docs/protocol.md sections 7, 8, 9 and 12.6): create, read (claims on first use, with a PIN
// proof where the relay counts PIN guesses), the PIN evaluation, update, delete, relinquish, the event stream and the
// capability document, over fetch. Requests never carry the share URL's fragment, cookies, a referrer,
// or follow a redirect; a retry of one operation reuses its Mailbox-Request-ID.

const PROBLEM_PREFIX = 'urn:tigress:problem:';

/**
 * A refusal from the relay, or a network failure (status 0). `code` is the problem type without its prefix;
 * `guessesLeft` is the problem's member of that name (wrong-pin, section 12.6), when it has one.
 */
export class MailboxError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {number | undefined} [guessesLeft] */
  constructor(status, code, message, guessesLeft) {
    super(message);
    this.name = 'MailboxError';
    this.status = status;
    this.code = code;
    this.guessesLeft = guessesLeft;
  }
}

/** A count the relay sent, or undefined when it is not a non-negative integer. @param {unknown} value */
const count = (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {Response} response */
async function toError(response) {
  let code = `http-${response.status}`;
  let detail = `The relay answered ${response.status}.`;
  let guessesLeft;
  try {
    const problem = await response.json();
    if (typeof problem.type === 'string' && problem.type.startsWith(PROBLEM_PREFIX)) code = problem.type.slice(PROBLEM_PREFIX.length);
    if (typeof problem.detail === 'string') detail = problem.detail;
    guessesLeft = count(problem.guessesLeft);
  } catch {
    // Not a problem document: the status says enough.
  }
  return new MailboxError(response.status, code, detail, guessesLeft);
}

/** The mailbox request URL without query or fragment. @param {string} url */
function stripped(url) {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/**
 * One device's view of mailboxes: its claim, and the fetch it uses.
 * @param {{claim?: string, fetch?: typeof fetch, attempts?: number}} [options]
 */
export function createMailboxClient({ claim = crypto.randomUUID(), fetch: fetchImpl = globalThis.fetch.bind(globalThis), attempts = 4 } = {}) {
  /**
   * One operation, retried on network failures, 429 and 503 with the same request id.
   * @param {string} method @param {string} url @param {{body?: any, headers?: Record<string,string>, signal?: AbortSignal}} [options]
   */
  async function send(method, url, { body, headers = {}, signal } = {}) {
    const requestId = crypto.randomUUID();
    /** @type {RequestInit} */
    const init = {
      method,
      headers: {
        'Mailbox-Request-ID': requestId,
        'Mailbox-Device-Claim': claim,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal,
    };
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await fetchImpl(stripped(url), init);
      } catch (error) {
        if (signal?.aborted || attempt >= attempts) throw new MailboxError(0, 'network', 'The relay could not be reached.');
        await sleep(500 * 2 ** attempt);
        continue;
      }
      if ((response.status === 429 || response.status === 503) && attempt < attempts) {
        const retryAfter = Math.min(Math.max(Number(response.headers.get('Retry-After')) || 1, 1), 30);
        await response.body?.cancel();
        await sleep(retryAfter * 1000);
        continue;
      }
      if (response.status >= 300 && response.status !== 304) throw await toError(response);
      return response;
    }
  }

  return {
    claim,

    /** CreateMailbox. @param {string} relayBase @param {object} body @returns {Promise<{urlLink: string}>} */
    async create(relayBase, body) {
      const response = await send('POST', `${relayBase.replace(/\/+$/, '')}/v1/m`, { body });
      return response.json();
    },

    /**
     * ReadSecureContentFromMailbox; the first read by a new claim binds it as the recipient. On a share protected by
     * the relay-assisted PIN that first read carries `pinProof` (section 12.6); a wrong one is a MailboxError
     * `wrong-pin` with `guessesLeft`.
     * @param {string} url @param {{wait?: number, etag?: string | null, pinProof?: string, signal?: AbortSignal}} [options]
     * @returns {Promise<{status: number, etag: string | null, body: any}>}
     */
    async read(url, { wait = 0, etag = null, pinProof, signal } = {}) {
      /** @type {Record<string,string>} */
      const headers = {};
      if (wait > 0) headers.Prefer = `wait=${wait}`;
      if (etag) headers['If-None-Match'] = etag;
      const response = await send('POST', url, { headers, signal, body: pinProof !== undefined ? { pinProof } : undefined });
      const body = response.status === 200 || response.status === 201 ? await response.json() : null;
      return { status: response.status, etag: response.headers.get('ETag'), body };
    },

    /**
     * The relay-assisted PIN's evaluation, `POST {mailbox}/pin` (section 12.6): the relay multiplies the blinded
     * element by the share's OPRF key. It binds nothing and spends no guess.
     * @param {string} url @param {string} blindedElement base64url of the 33-byte compressed point
     * @returns {Promise<{evaluatedElement: string, guessesLeft: number | undefined}>}
     */
    async evaluate(url, blindedElement) {
      const response = await send('POST', `${stripped(url)}/pin`, { body: { blindedElement } });
      const body = await response.json();
      if (typeof body?.evaluatedElement !== 'string') throw new MailboxError(response.status, 'invalid-response', 'The relay\'s PIN evaluation is malformed.');
      return { evaluatedElement: body.evaluatedElement, guessesLeft: count(body.guessesLeft) };
    },

    /** UpdateMailbox. @param {string} url @param {object} body */
    async update(url, body) {
      await (await send('PUT', url, { body })).body?.cancel();
    },

    /** DeleteMailbox; a mailbox already gone counts as deleted. @param {string} url */
    async delete(url) {
      try {
        await (await send('DELETE', url)).body?.cancel();
      } catch (error) {
        if (!(error instanceof MailboxError && error.status === 404)) throw error;
      }
    },

    /** RelinquishMailbox: the recipient lets go of its claim. @param {string} url */
    async relinquish(url) {
      await (await send('PATCH', url)).body?.cancel();
    },

    /**
     * The event stream, reconnected with Last-Event-ID whenever it ends, until the mailbox is deleted or expires,
     * or `signal` aborts. @param {string} url @param {{signal?: AbortSignal}} [options]
     * @returns {AsyncGenerator<{id: number, event: string, side?: string, guessesLeft?: number}>}
     */
    async *events(url, { signal } = {}) {
      let lastId = 0; // replay the whole log first, so an event before the stream opened is not missed
      for (;;) {
        /** @type {Record<string,string>} */
        const headers = { Accept: 'text/event-stream' };
        headers["Last-Event-ID"] = String(lastId);
        const response = await send('GET', `${stripped(url)}/events`, { headers, signal });
        if (!response.body) throw new MailboxError(0, 'network', 'The event stream has no body.');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        /** @type {{id?: number, data?: string}} */
        let pending = {};
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let newline;
            while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
              const line = buffer.slice(0, newline);
              buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
              if (line === '') {
                if (pending.data !== undefined) {
                  let parsed;
                  try {
                    parsed = JSON.parse(pending.data);
                  } catch {
                    parsed = null;
                  }
                  if (pending.id !== undefined) lastId = pending.id;
                  if (parsed && typeof parsed.event === 'string') {
                    yield {
                      id: pending.id ?? lastId,
                      event: parsed.event,
                      side: typeof parsed.side === 'string' ? parsed.side : undefined,
                      guessesLeft: count(parsed.guessesLeft),
                    };
                    if (parsed.event === 'deleted' || parsed.event === 'expired') return;
                  }
                }
                pending = {};
              } else if (line.startsWith('id:')) {
                const id = Number(line.slice(3).trim());
                if (Number.isSafeInteger(id) && id >= 0) pending.id = id;
              } else if (line.startsWith('data:')) {
                const data = line.slice(5).replace(/^ /, '');
                pending.data = pending.data === undefined ? data : `${pending.data}\n${data}`;
              }
            }
          }
        } finally {
          await reader.cancel().catch(() => {});
        }
        if (signal?.aborted) return;
        // A stream that ended normally is reopened after the relay's retry delay.
        await sleep(3000);
      }
    },
  };
}

/**
 * The relay's capability document, `GET {relay}/v1` (section 9); null when it cannot be read. It needs no claim and
 * changes nothing. @param {string} relayBase @param {{fetch?: typeof fetch}} [options]
 * @returns {Promise<Record<string, unknown> | null>}
 */
export async function readCapabilities(relayBase, { fetch: fetchImpl = globalThis.fetch.bind(globalThis) } = {}) {
  try {
    const response = await fetchImpl(`${relayBase.replace(/\/+$/, '')}/v1`, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    if (!response.ok) return null;
    const body = await response.json();
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? body : null;
  } catch {
    return null;
  }
}
