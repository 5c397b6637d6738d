// This device's Ed25519 signing key in web mode: a WebCrypto key pair whose private key is
// non-extractable (no script, ours included, can read its bytes), kept in its own IndexedDB
// database. IndexedDB stores the CryptoKey objects themselves (structured clone keeps them
// non-extractable), so the key survives reloads without ever being serialised.
// The desktop twin is electron/main/signing-keys.ts with sign-request.ts: keep refusals and limits
// in step. Like main, sign() takes only a canonical statement about the report body given beside
// it (core/reports/statement-to-sign.ts) and refuses anything else. Unlike main it shows no
// confirmation of its own: the key lives in this page's origin, so a script that could call sign()
// could as well use the CryptoKey from IndexedDB directly, and a confirmation in the same page
// would protect nothing (the desktop app's confirmation is real because main is another process).
// Waiver decisions (signWaiverDecision) are checked the same way, with core's checkWaiverToSign.
// Only web-bridge.ts should import this; everything else signs through the bridge.
import { MAX_SIGN_MESSAGE_BYTES } from '../../electron/common/ipc-contract';
import type { SigningKeyInfo } from '../../electron/common/ipc-contract';
import { bytesToBase64url } from '../../core/reports/base64url';
import { checkStatementToSign } from '../../core/reports/statement-to-sign';
import { parseWaiverStatement } from '../../core/runs/run-event-schema';
import { checkWaiverToSign } from '../../core/runs/waiver-decision';

/** Separate from the app's data database, so the key has its own lifecycle. */
export const KEY_DATABASE_NAME = 'go-live-checklists-keys';
const KEY_DATABASE_VERSION = 1;
const KEY_STORE = 'keys';
const DEVICE_KEY_ID = 'device';

const ED25519 = { name: 'Ed25519' } as const;

export const WEB_KEY_WARNING =
  "This key lives in this browser's data for this site: clearing the site's data deletes it, and " +
  'a new key must then be trusted again. The desktop app keeps the key in the OS keyring.';

/** The record in the 'keys' store. CryptoKey objects are stored as they are, never exported. */
interface StoredDeviceKey {
  id: typeof DEVICE_KEY_ID;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** base64url of the raw 32-byte public key, exported once when the key was made. */
  publicKeyRaw: string;
  createdAt: string;
}

export interface WebSigningKeyStore {
  /** The public half of the device key; makes the key on the first call. */
  getKey(): Promise<SigningKeyInfo>;
  /**
   * A 64-byte Ed25519 signature of `message`, a canonical statement about `reportBody` (canonical
   * JSON of the body its reportHash names) by this key; refuses anything else, and when there is
   * no key yet.
   */
  sign(message: Uint8Array, reportBody: string): Promise<Uint8Array>;
  /**
   * A 64-byte Ed25519 signature of `message`, a supervisor's canonical waiver decision naming this
   * key (core/runs/waiver-decision.ts checkWaiverToSign); refuses anything else.
   */
  signWaiverDecision(message: Uint8Array): Promise<Uint8Array>;
}

export interface WebSigningKeyDependencies {
  /** Defaults to the page's indexedDB; tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  /** Defaults to the page's crypto.subtle. */
  subtle?: SubtleCrypto;
  now?: () => Date;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
  });
}

function isEd25519Key(key: unknown, type: KeyType, usage: KeyUsage): key is CryptoKey {
  const candidate = key as Partial<CryptoKey> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.type === type &&
    candidate.algorithm?.name === 'Ed25519' &&
    Array.isArray(candidate.usages) &&
    candidate.usages.includes(usage)
  );
}

/** Why a stored record is not a usable device key, or null when it is one. */
function recordProblem(value: unknown): string | null {
  const record = value as Partial<Record<keyof StoredDeviceKey, unknown>> | null;
  if (typeof record !== 'object' || record === null) return 'not an object';
  if (!isEd25519Key(record.privateKey, 'private', 'sign')) return 'no Ed25519 private key';
  // A private key that can be exported breaks this module's promise: refuse to use it.
  if (record.privateKey.extractable) return 'the private key is extractable';
  if (!isEd25519Key(record.publicKey, 'public', 'verify')) return 'no Ed25519 public key';
  if (typeof record.publicKeyRaw !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(record.publicKeyRaw)) {
    return 'the public key is not 32 bytes of base64url';
  }
  if (typeof record.createdAt !== 'string' || Number.isNaN(Date.parse(record.createdAt))) {
    return 'createdAt is not a date';
  }
  return null;
}

/** `method` is the bridge method asked ("signWithDeviceKey"), named in the error. */
function assertMessage(message: unknown, method: string): asserts message is Uint8Array {
  if (!(message instanceof Uint8Array) || message.byteLength === 0) {
    throw new Error(`${method} needs { message: Uint8Array } with at least one byte.`);
  }
  if (message.byteLength > MAX_SIGN_MESSAGE_BYTES) {
    throw new Error(
      `${method} signs messages of up to ${MAX_SIGN_MESSAGE_BYTES} bytes, not ${message.byteLength}.`,
    );
  }
}

export function createWebSigningKeyStore(deps: WebSigningKeyDependencies = {}): WebSigningKeyStore {
  const now = deps.now ?? (() => new Date());

  const damaged = (reason: string) =>
    new Error(
      `The signing key stored in this browser is damaged (${reason}). Signing is refused rather ` +
        `than silently making a new key. To start over, delete the IndexedDB database ` +
        `"${KEY_DATABASE_NAME}" in the browser's site data; the new key must then be trusted again.`,
    );

  function subtle(): SubtleCrypto {
    const subtleCrypto = deps.subtle ?? globalThis.crypto?.subtle;
    // crypto.subtle exists only in secure contexts (https, localhost).
    if (!subtleCrypto) throw new Error('This page cannot sign: WebCrypto needs https.');
    return subtleCrypto;
  }

  async function openDatabase(): Promise<IDBDatabase> {
    const factory = deps.indexedDB ?? globalThis.indexedDB;
    if (!factory) throw new Error('This browser offers no IndexedDB to keep a signing key in.');
    const request = factory.open(KEY_DATABASE_NAME, KEY_DATABASE_VERSION);
    // Version 1 creates the store. A later version adds an `if (event.oldVersion < 2)` step and
    // keeps this one, so an existing key is never dropped.
    request.onupgradeneeded = (event) => {
      if (event.oldVersion < 1) request.result.createObjectStore(KEY_STORE, { keyPath: 'id' });
    };
    const database = await requestDone(request);
    // Another tab upgrading the database must not be blocked by this connection.
    database.onversionchange = () => database.close();
    return database;
  }

  async function withDatabase<T>(task: (database: IDBDatabase) => Promise<T>): Promise<T> {
    const database = await openDatabase();
    try {
      return await task(database);
    } finally {
      database.close();
    }
  }

  function checked(value: unknown): StoredDeviceKey | null {
    if (value === undefined) return null;
    const problem = recordProblem(value);
    if (problem !== null) throw damaged(problem);
    return value as StoredDeviceKey;
  }

  function readKey(): Promise<StoredDeviceKey | null> {
    return withDatabase(async (database) => {
      const transaction = database.transaction(KEY_STORE, 'readonly');
      const value: unknown = await requestDone(
        transaction.objectStore(KEY_STORE).get(DEVICE_KEY_ID),
      );
      return checked(value);
    });
  }

  async function generateKey(): Promise<StoredDeviceKey> {
    let pair: CryptoKeyPair;
    try {
      pair = await subtle().generateKey(ED25519, false, ['sign', 'verify']);
    } catch (error) {
      throw new Error(
        `This browser cannot make an Ed25519 signing key (${messageOf(error)}). Use a current ` +
          'Chrome, Edge, Firefox or Safari, or the desktop app.',
        { cause: error },
      );
    }
    const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
    return {
      id: DEVICE_KEY_ID,
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
      publicKeyRaw: bytesToBase64url(raw),
      createdAt: now().toISOString(),
    };
  }

  /**
   * Stores `candidate` unless a key is already there, in one transaction, and returns the key
   * that is stored: two tabs making their first key at once end up with the same one.
   */
  function storeFirstKey(candidate: StoredDeviceKey): Promise<StoredDeviceKey> {
    return withDatabase(async (database) => {
      const transaction = database.transaction(KEY_STORE, 'readwrite');
      const store = transaction.objectStore(KEY_STORE);
      const existing = store.get(DEVICE_KEY_ID);
      existing.onsuccess = () => {
        if (existing.result === undefined) store.add(candidate);
      };
      await transactionDone(transaction);
      return checked(existing.result) ?? candidate;
    });
  }

  // One operation at a time within this page, so two first calls do not make two keys.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Signs a copy of `message` (the caller cannot change the bytes between the check and the
   * signature) once `problemOf` finds it is a canonical statement naming this key; refuses it,
   * and signs nothing, otherwise.
   */
  function signChecked(
    method: string,
    message: Uint8Array,
    problemOf: (copy: Uint8Array, publicKey: string) => string | null,
  ): Promise<Uint8Array> {
    return exclusive(async () => {
      assertMessage(message, method);
      const key = await readKey();
      if (key === null)
        throw new Error('This device has no signing key yet: getSigningKey makes it.');
      const copy = new Uint8Array(message);
      const problem = problemOf(copy, key.publicKeyRaw);
      if (problem !== null) throw new Error(problem);
      return new Uint8Array(await subtle().sign(ED25519, key.privateKey, copy));
    });
  }

  return {
    getKey: () =>
      exclusive(async () => {
        const key = (await readKey()) ?? (await storeFirstKey(await generateKey()));
        return {
          publicKey: key.publicKeyRaw,
          createdAt: key.createdAt,
          protection: 'browser-non-extractable',
          warning: WEB_KEY_WARNING,
        };
      }),

    sign: (message, reportBody) =>
      signChecked('signWithDeviceKey', message, (copy, publicKey) => {
        const checked = checkStatementToSign({ message: copy, reportBody, publicKey });
        return checked.ok ? null : checked.message;
      }),

    signWaiverDecision: (message) =>
      signChecked('signWaiverDecision', message, (copy, publicKey) => {
        const checked = checkWaiverToSign(copy, publicKey, parseWaiverStatement);
        return checked.ok ? null : checked.message;
      }),
  };
}
