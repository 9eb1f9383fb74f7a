// The shares this browser made and has not seen end, kept in IndexedDB so that the share page can follow them again
// after it was closed (docs/security.md, "What the share page keeps"). A record is transfer.js's KeptShare: the
// mailbox address, the initiator's claim and non-extractable CryptoKeys; never the link's secret bytes or the PIN.
// IndexedDB, not localStorage: only it stores a CryptoKey as such, still non-extractable. Where the browser refuses
// storage (a private window may), nothing is kept and the page works as before.

const DATABASE = 'tigress';
const STORE = 'shares';

/** @returns {Promise<IDBDatabase>} */
function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'urlLink' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * One transaction on the store; resolves with the request's result once the transaction is committed.
 * @template T @param {IDBTransactionMode} mode @param {(store: IDBObjectStore) => IDBRequest<T>} act @returns {Promise<T>}
 */
async function run(mode, act) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps a share; false when the browser would not store it. @param {import('../src/transfer.js').KeptShare} kept */
export const keepShare = (kept) => run('readwrite', (store) => store.put(kept)).then(() => true, () => false);

/** The shares kept, oldest first. @returns {Promise<import('../src/transfer.js').KeptShare[]>} */
export const keptShares = () =>
  run('readonly', (store) => store.getAll()).then(
    (all) => all.filter((k) => typeof k?.urlLink === 'string' && typeof k.claim === 'string').sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt))),
    () => [],
  );

/** Forgets a share (it ended, or the person cancelled it). @param {string} urlLink */
export const forgetShare = (urlLink) => run('readwrite', (store) => store.delete(urlLink)).then(() => undefined, () => undefined);
