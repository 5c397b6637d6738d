// The web-mode signing key (renderer/bridge/web-signing-key.ts) in real Chromium: the CryptoKey
// stored in real IndexedDB, still non-extractable, and the same key after a real page reload.
// The unit test (test/unit/renderer/web-signing-key.test.ts) runs the module on Node's WebCrypto
// and fake-indexeddb; only a browser shows that Chromium's own structured clone keeps the key.
// The module is bundled here and evaluated through DevTools, like storage-in-page.ts does: the
// production bundle exposes nothing for tests, and the page's CSP does not govern DevTools.
// What is signed is a real sign-off statement about a report body (the key refuses anything else),
// made here in Node with the core and handed to the page.
import { createPublicKey, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import type { createWebSigningKeyStore } from '../../renderer/bridge/web-signing-key';
import { REPORT_FORMAT_VERSION, reportHash, statementBytes } from '../../core/reports';
import { canonicalJson } from '../../core/runs/event-chain';
import { body } from '../unit/core/reports/fixtures';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    goLiveSigningKeys?: { createWebSigningKeyStore: typeof createWebSigningKeyStore };
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
let bundle: Promise<string> | undefined;

function bundleKeyStore(): Promise<string> {
  bundle ??= build({
    stdin: {
      contents: [
        "import { createWebSigningKeyStore } from './renderer/bridge/web-signing-key';",
        'window.goLiveSigningKeys = { createWebSigningKeyStore };',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bundle;
}

/** Puts the key store module into the page (again after every navigation). */
async function installKeyStore(page: Page): Promise<void> {
  await page.evaluate(`globalThis.__name ??= (target) => target;\n${await bundleKeyStore()}`);
}

/** Gets the key (making it on the first call), in the page. */
function keyInfo(page: Page) {
  return page.evaluate(async () => {
    const store = window.goLiveSigningKeys?.createWebSigningKeyStore();
    if (!store) throw new Error('the key store is not installed');
    return store.getKey();
  });
}

/** Signs `message` (bytes) about `reportBody` in the page: the signature, or why it was refused. */
function signInPage(page: Page, message: Uint8Array, reportBody: string) {
  return page.evaluate(
    async ({ bytes, json }) => {
      const store = window.goLiveSigningKeys?.createWebSigningKeyStore();
      if (!store) throw new Error('the key store is not installed');
      return store.sign(new Uint8Array(bytes), json).then(
        (signature) => ({ signature: [...signature] }),
        (error: Error) => ({ refused: error.message }),
      );
    },
    { bytes: [...message], json: reportBody },
  );
}

/** A sign-off statement by `publicKey` (as the app makes it) and the body it is about. */
function signOffStatement(publicKey: string, signedAt: string) {
  const reportBody = body({ signedAt });
  const message = statementBytes({
    format: 'go-live-report',
    formatVersion: REPORT_FORMAT_VERSION,
    purpose: 'sign-off',
    reportHash: reportHash(reportBody),
    signer: { publicKey, name: 'Ana García', role: 'admin' },
    signedAt,
  });
  return { message, reportBody: canonicalJson(reportBody) };
}

function verifies(publicKey: string, message: Uint8Array, signature: number[]): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return verify(null, message, key, Buffer.from(signature));
}

test('the web signing key is made once, survives a reload and cannot be exported', async ({
  page,
}) => {
  await page.goto('./');
  await installKeyStore(page);
  const info = await keyInfo(page);
  expect(info).toMatchObject({
    publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    protection: 'browser-non-extractable',
    warning: expect.stringContaining('clearing'),
  });
  const statement = signOffStatement(info.publicKey, '2025-06-01T16:00:00.000Z');
  const first = await signInPage(page, statement.message, statement.reportBody);
  if (!('signature' in first)) throw new Error(first.refused);
  expect(verifies(info.publicKey, statement.message, first.signature)).toBe(true);
  // Anything but a statement about the body given is refused, in the browser as in main.
  await expect(
    signInPage(page, new TextEncoder().encode('sign-off statement'), statement.reportBody),
  ).resolves.toEqual({ refused: expect.stringMatching(/^Refused to sign: /) });

  // What any script on the page finds in IndexedDB: CryptoKeys, the private one non-extractable.
  const stored = await page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('go-live-checklists-keys');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const record = await new Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }>(
      (resolve, reject) => {
        const request = database.transaction('keys').objectStore('keys').get('device');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      },
    );
    database.close();
    const refusals: string[] = [];
    for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
      await crypto.subtle.exportKey(format, record.privateKey).then(
        () => refusals.push(`${format}: exported`),
        (error: Error) => refusals.push(`${format}: ${error.name}`),
      );
    }
    return {
      isCryptoKey: record.privateKey instanceof CryptoKey,
      isExtractable: record.privateKey.extractable,
      algorithm: record.privateKey.algorithm.name,
      refusals,
    };
  });
  expect(stored).toEqual({
    isCryptoKey: true,
    isExtractable: false,
    algorithm: 'Ed25519',
    refusals: ['pkcs8: InvalidAccessError', 'jwk: InvalidAccessError', 'raw: InvalidAccessError'],
  });

  await page.reload();
  await installKeyStore(page);
  expect(await keyInfo(page)).toEqual(info);
  const later = signOffStatement(info.publicKey, '2025-06-02T09:00:00.000Z');
  const afterReload = await signInPage(page, later.message, later.reportBody);
  if (!('signature' in afterReload)) throw new Error(afterReload.refused);
  expect(verifies(info.publicKey, later.message, afterReload.signature)).toBe(true);
});
