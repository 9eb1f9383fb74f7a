// The mailbox API client (docs/protocol.md sections 7 and 8): create, read (claims on first use), update, delete,
// relinquish and the event stream, over fetch. Requests never carry the share URL's fragment, cookies, a referrer,
// or follow a redirect; a retry of one operation reuses its Mailbox-Request-ID.

const PROBLEM_PREFIX = 'urn:tigress:problem:';

/** A refusal from the relay, or a network failure (status 0). `code` is the problem type without its prefix. */
export class MailboxError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.name = 'MailboxError';
    this.status = status;
    this.code = code;
  }
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {Response} response */
async function toError(response) {
  let code = `http-${response.status}`;
  let detail = `The relay answered ${response.status}.`;
  try {
    const problem = await response.json();
    if (typeof problem.type === 'string' && problem.type.startsWith(PROBLEM_PREFIX)) code = problem.type.slice(PROBLEM_PREFIX.length);
    if (typeof problem.detail === 'string') detail = problem.detail;
  } catch {
    // Not a problem document: the status says enough.
  }
  return new MailboxError(response.status, code, detail);
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
     * ReadSecureContentFromMailbox; the first read by a new claim binds it as the recipient.
     * @param {string} url @param {{wait?: number, etag?: string | null, signal?: AbortSignal}} [options]
     * @returns {Promise<{status: number, etag: string | null, body: any}>}
     */
    async read(url, { wait = 0, etag = null, signal } = {}) {
      /** @type {Record<string,string>} */
      const headers = {};
      if (wait > 0) headers.Prefer = `wait=${wait}`;
      if (etag) headers['If-None-Match'] = etag;
      const response = await send('POST', url, { headers, signal });
      const body = response.status === 200 || response.status === 201 ? await response.json() : null;
      return { status: response.status, etag: response.headers.get('ETag'), body };
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
     * @returns {AsyncGenerator<{id: number, event: string, side?: string}>}
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
                    yield { id: pending.id ?? lastId, event: parsed.event, side: typeof parsed.side === 'string' ? parsed.side : undefined };
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
