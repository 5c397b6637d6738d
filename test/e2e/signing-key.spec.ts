// The web-mode signing key (renderer/bridge/web-signing-key.ts) in real Chromium: the CryptoKey
// stored in real IndexedDB, still non-extractable, and the same key after a real page reload.
// The unit test (test/unit/renderer/web-signing-key.test.ts) runs the module on Node's WebCrypto
// and fake-indexeddb; only a browser shows that Chromium's own structured clone keeps the key.
// The module is bundled here and evaluated through DevTools, like storage-in-page.ts does: the
// production bundle exposes nothing for tests, and the page's CSP does not govern DevTools.
import { createPublicKey, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import type { createWebSigningKeyStore } from '../../renderer/bridge/web-signing-key';
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

/** Gets the key (making it on the first call) and signs `message`, in the page. */
function keyAndSignature(page: Page, message: string) {
  return page.evaluate(async (text) => {
    const store = window.goLiveSigningKeys?.createWebSigningKeyStore();
    if (!store) throw new Error('the key store is not installed');
    const info = await store.getKey();
    const signature = await store.sign(new TextEncoder().encode(text));
    return { info, signature: [...signature] };
  }, message);
}

function verifies(publicKey: string, message: string, signature: number[]): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return verify(null, Buffer.from(message), key, Buffer.from(signature));
}

test('the web signing key is made once, survives a reload and cannot be exported', async ({
  page,
}) => {
  await page.goto('./');
  await installKeyStore(page);
  const first = await keyAndSignature(page, 'sign-off statement');
  expect(first.info).toMatchObject({
    publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    protection: 'browser-non-extractable',
    warning: expect.stringContaining('clearing'),
  });
  expect(verifies(first.info.publicKey, 'sign-off statement', first.signature)).toBe(true);

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
  const afterReload = await keyAndSignature(page, 'countersign statement');
  expect(afterReload.info).toEqual(first.info);
  expect(verifies(first.info.publicKey, 'countersign statement', afterReload.signature)).toBe(true);
});
