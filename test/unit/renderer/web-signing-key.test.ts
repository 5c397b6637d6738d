// The web-mode signing key on Node's WebCrypto (the same Ed25519 API as the browser's) and
// fake-indexeddb, whose structured clone is Node's and keeps CryptoKey objects as they are, so the
// stored key stays a non-extractable CryptoKey here as it does in Chromium. A "reload" is a new
// store on the same IDBFactory. The same module in real Chromium IndexedDB, across a real page
// reload, is test/e2e/signing-key.spec.ts. Also: the device Signer on top of it. Like main, the
// store signs only a canonical statement about the report body given with it.
import { createPublicKey, verify } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { MAX_SIGN_MESSAGE_BYTES } from '../../../electron/common/ipc-contract';
import type { AppBridge } from '../../../electron/common/ipc-contract';
import {
  KEY_DATABASE_NAME,
  WEB_KEY_WARNING,
  createWebSigningKeyStore,
  type WebSigningKeyDependencies,
} from '../../../renderer/bridge/web-signing-key';
import { createDeviceSigner } from '../../../renderer/bridge/device-signer';
import {
  REPORT_FORMAT_VERSION,
  reportHash,
  signOff,
  statementBytes,
  verifyReport,
} from '../../../core/reports';
import { canonicalJson } from '../../../core/runs/event-chain';
import { body } from '../core/reports/fixtures';

const bytes = (text: string) => new TextEncoder().encode(text);
const createdAt = '2025-06-01T08:00:00.000Z';

function setUp(overrides: Partial<WebSigningKeyDependencies> = {}) {
  const indexedDB = new IDBFactory();
  const open = (extra: Partial<WebSigningKeyDependencies> = {}) =>
    createWebSigningKeyStore({
      indexedDB,
      now: () => new Date(createdAt),
      ...overrides,
      ...extra,
    });
  return { indexedDB, store: open(), reload: open };
}

/** A sign-off statement by the key `publicKey` and the body it is about, as the app sends them. */
function signOffStatement(publicKey: string, signedAt?: string) {
  const reportBody = body(signedAt === undefined ? {} : { signedAt });
  return {
    message: statementBytes({
      format: 'go-live-report',
      formatVersion: REPORT_FORMAT_VERSION,
      purpose: 'sign-off',
      reportHash: reportHash(reportBody),
      signer: { publicKey, name: 'Ana García', role: 'admin' },
      signedAt: reportBody.signedAt,
    }),
    reportBody: canonicalJson(reportBody),
  };
}

/** Verifies with node:crypto, from nothing but the base64url raw public key. */
function verifies(publicKey: string, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return verify(null, message, key, signature);
}

/** The stored record, read with plain IndexedDB as another script on the page could. */
async function storedRecord(indexedDB: IDBFactory): Promise<Record<string, unknown>> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(KEY_DATABASE_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return await new Promise((resolve, reject) => {
      const request = database.transaction('keys').objectStore('keys').get('device');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    database.close();
  }
}

async function replaceRecord(indexedDB: IDBFactory, record: unknown): Promise<void> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(KEY_DATABASE_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const transaction = database.transaction('keys', 'readwrite');
    transaction.objectStore('keys').put(record);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  database.close();
}

describe('getKey', () => {
  it('makes a key on the first call, with its public key as base64url of 32 raw bytes', async () => {
    const { store } = setUp();
    const info = await store.getKey();
    expect(info).toEqual({
      publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      createdAt,
      protection: 'browser-non-extractable',
      warning: WEB_KEY_WARNING,
    });
    expect(Buffer.from(info.publicKey, 'base64url')).toHaveLength(32);
  });

  it('reuses the key: later calls and after a reload (a new store, same database)', async () => {
    const { store, reload } = setUp();
    const info = await store.getKey();
    expect(await store.getKey()).toEqual(info);
    const later = reload({ now: () => new Date('2030-01-01T00:00:00.000Z') });
    expect(await later.getKey()).toEqual(info);
  });

  it('makes one key when first calls come at once, in one page or in two tabs', async () => {
    const { store, reload } = setUp();
    const otherTab = reload();
    const infos = await Promise.all([store.getKey(), store.getKey(), otherTab.getKey()]);
    expect(new Set(infos.map((info) => info.publicKey)).size).toBe(1);
  });

  it('stores a non-extractable private key: its bytes cannot be exported', async () => {
    const { store, indexedDB } = setUp();
    const { publicKey } = await store.getKey();
    const record = await storedRecord(indexedDB);
    const privateKey = record.privateKey as CryptoKey;
    expect(privateKey).toMatchObject({ type: 'private', extractable: false });
    expect(privateKey.algorithm.name).toBe('Ed25519');
    for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
      await expect(crypto.subtle.exportKey(format, privateKey)).rejects.toThrow();
    }
    // Nothing else in the record holds private key material: the public key is what it says.
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', record.publicKey as CryptoKey));
    expect(Buffer.from(raw).toString('base64url')).toBe(publicKey);
    expect(Object.keys(record).sort()).toEqual([
      'createdAt',
      'id',
      'privateKey',
      'publicKey',
      'publicKeyRaw',
    ]);
  });

  it('explains when the browser cannot make Ed25519 keys', async () => {
    const subtle = {
      generateKey: vi.fn(async () => {
        throw new DOMException('Algorithm: Unrecognized name', 'NotSupportedError');
      }),
    } as unknown as SubtleCrypto;
    const { store } = setUp({ subtle });
    await expect(store.getKey()).rejects.toThrow(
      /This browser cannot make an Ed25519 signing key \(Algorithm: Unrecognized name\)/,
    );
  });

  it('keeps working after a failure: the next call tries again', async () => {
    const real = crypto.subtle;
    let isBusy = true;
    const subtle = {
      generateKey: (
        algorithm: { name: 'Ed25519' },
        extractable: boolean,
        usages: readonly ('sign' | 'verify')[],
      ) => {
        if (!isBusy) return real.generateKey(algorithm, extractable, usages);
        isBusy = false;
        return Promise.reject(new Error('busy'));
      },
      exportKey: (format: 'raw', key: CryptoKey) => real.exportKey(format, key),
    } as unknown as SubtleCrypto;
    const { store } = setUp({ subtle });
    await expect(store.getKey()).rejects.toThrow(/busy/);
    await expect(store.getKey()).resolves.toMatchObject({ protection: 'browser-non-extractable' });
  });
});

describe('sign', () => {
  it('makes Ed25519 signatures that verify against the public key, after a reload too', async () => {
    const { store, reload } = setUp();
    const { publicKey } = await store.getKey();
    const { message, reportBody } = signOffStatement(publicKey);
    const signature = await store.sign(message, reportBody);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature).toHaveLength(64);
    expect(verifies(publicKey, message, signature)).toBe(true);
    const other = signOffStatement(publicKey, '2025-06-02T10:00:00.000Z');
    expect(verifies(publicKey, other.message, signature)).toBe(false);
    const afterReload = await reload().sign(message, reportBody);
    expect(verifies(publicKey, message, afterReload)).toBe(true);
  });

  it('refuses to sign anything but a statement about the body given, as main does', async () => {
    const { store } = setUp();
    const { publicKey } = await store.getKey();
    const { message, reportBody } = signOffStatement(publicKey);
    await expect(store.sign(bytes('nonce:3f9a'), reportBody)).rejects.toThrow(
      /^Refused to sign: the message is not JSON/,
    );
    await expect(store.sign(bytes('{"amount":1000}'), reportBody)).rejects.toThrow(
      /not a sign-off, countersign or send-back statement/,
    );
    const otherBody = signOffStatement(publicKey, '2025-06-02T10:00:00.000Z').reportBody;
    await expect(store.sign(message, otherBody)).rejects.toThrow(/another report/);
    const someoneElse = signOffStatement('B'.repeat(43));
    await expect(store.sign(someoneElse.message, someoneElse.reportBody)).rejects.toThrow(
      /another signer's key/,
    );
  });

  it('refuses when there is no key yet, instead of making one on the side', async () => {
    const { store, reload } = setUp();
    await expect(store.sign(bytes('x'), '{}')).rejects.toThrow(/no signing key yet/);
    // Nothing was stored: the first getKey still makes the key now.
    await expect(reload().getKey()).resolves.toMatchObject({ createdAt });
  });

  it.each([
    ['an empty message', new Uint8Array(0), /needs \{ message: Uint8Array \}/],
    ['a string', 'statement', /needs \{ message: Uint8Array \}/],
    [
      'a message over the limit',
      new Uint8Array(MAX_SIGN_MESSAGE_BYTES + 1),
      new RegExp(`up to ${MAX_SIGN_MESSAGE_BYTES} bytes`),
    ],
  ])('rejects %s, as the desktop app does', async (_case, message, error) => {
    const { store } = setUp();
    await store.getKey();
    await expect(store.sign(message as Uint8Array, '{}')).rejects.toThrow(error);
  });
});

describe('a damaged key record', () => {
  it('is refused with a clear error, not replaced by a new key', async () => {
    const { store, indexedDB } = setUp();
    await store.getKey();
    await replaceRecord(indexedDB, { id: 'device', privateKey: 'gone' });
    const message = /The signing key stored in this browser is damaged \(no Ed25519 private key\)/;
    await expect(store.getKey()).rejects.toThrow(message);
    await expect(store.sign(bytes('x'), '{}')).rejects.toThrow(message);
    expect(await storedRecord(indexedDB)).toEqual({ id: 'device', privateKey: 'gone' });
  });

  it('is refused when its private key is extractable', async () => {
    const { store, indexedDB } = setUp();
    await store.getKey();
    const record = await storedRecord(indexedDB);
    const extractable = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ]);
    await replaceRecord(indexedDB, { ...record, privateKey: extractable.privateKey });
    await expect(store.sign(bytes('x'), '{}')).rejects.toThrow(
      'damaged (the private key is extractable)',
    );
  });
});

describe('createDeviceSigner', () => {
  function bridgeOver(store: ReturnType<typeof setUp>['store']) {
    const bridge: Pick<AppBridge, 'getSigningKey' | 'signWithDeviceKey'> = {
      getSigningKey: () => store.getKey(),
      signWithDeviceKey: async ({ message, reportBody }) => ({
        signature: await store.sign(message, reportBody),
      }),
    };
    return bridge;
  }

  it("identifies the signer by the device key and the user's profile", async () => {
    const { store } = setUp();
    const signer = createDeviceSigner(bridgeOver(store), {
      name: 'Ana García',
      role: 'admin',
      office: 'Berlin office',
    });
    const { publicKey } = await store.getKey();
    await expect(signer.identity()).resolves.toEqual({
      publicKey,
      name: 'Ana García',
      role: 'admin',
      office: 'Berlin office',
    });
  });

  it('leaves office out of the identity when the profile has none', async () => {
    const { store } = setUp();
    const signer = createDeviceSigner(bridgeOver(store), { name: 'Sam Lee', role: 'supervisor' });
    expect(Object.keys(await signer.identity()).sort()).toEqual(['name', 'publicKey', 'role']);
  });

  it('signs a report off through the bridge with the key of its identity', async () => {
    const { store } = setUp();
    const signer = createDeviceSigner(bridgeOver(store), { name: 'Ana García', role: 'admin' });
    const reportBody = body();
    const signed = await signOff(signer, reportBody, reportBody.signedAt);
    const result = verifyReport(signed, null);
    expect(result.signatures).toEqual([expect.objectContaining({ valid: true })]);
    expect(result.problems.map((problem) => problem.code)).toEqual(['no-trust-list']);
  });

  it('refuses to sign without the report the statement is about', async () => {
    const { store } = setUp();
    const signer = createDeviceSigner(bridgeOver(store), { name: 'Sam Lee', role: 'supervisor' });
    await expect(signer.sign(bytes('{"purpose":"countersign"}'))).rejects.toThrow(
      /the report is missing/,
    );
  });
});
