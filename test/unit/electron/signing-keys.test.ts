// The desktop signing key store on a fake keyring (a reversible "encryption" that records what it
// was given) and a real temporary folder: made once and reused, never stored in plain text,
// refused where the OS has no real keyring, signatures that verify, damaged files refused clearly.
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSigningKeyStore,
  deviceKeyPath,
  type KeyringStorage,
  type SigningKeyStoreDependencies,
} from '../../../electron/main/signing-keys';

type Backend = ReturnType<KeyringStorage['getSelectedStorageBackend']>;

/**
 * A keyring that "encrypts" by prefixing and XOR-ing every byte, so the plain text is nowhere in
 * its output, and records each call. `rotate()` makes the next decryption ask for re-encryption.
 */
class FakeKeyring implements KeyringStorage {
  isAvailable = true;
  backend: Backend = 'gnome_libsecret';
  isBroken = false;
  isEncryptBroken = false;
  shouldReEncrypt = false;
  readonly calls: string[] = [];
  readonly encrypted: string[] = [];

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable');
    return this.isAvailable;
  }

  getSelectedStorageBackend(): Backend {
    this.calls.push('getSelectedStorageBackend');
    return this.backend;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync');
    if (this.isEncryptBroken) throw new Error('Error while encrypting the text provided');
    this.encrypted.push(plainText);
    const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Buffer.concat([Buffer.from('fake:'), bytes]);
  }

  async decryptStringAsync(
    encrypted: Buffer,
  ): Promise<{ result: string; shouldReEncrypt: boolean }> {
    this.calls.push('decryptStringAsync');
    if (this.isBroken) throw new Error('Error while decrypting the ciphertext provided');
    if (encrypted.subarray(0, 5).toString() !== 'fake:') throw new Error('not ours');
    const result = Buffer.from(encrypted.subarray(5).map((byte) => byte ^ 0x5a)).toString('utf8');
    return { result, shouldReEncrypt: this.shouldReEncrypt };
  }
}

let userDataDir: string;
beforeEach(async () => {
  userDataDir = await fs.mkdtemp(path.join(tmpdir(), 'signing-keys-'));
});
afterEach(async () => {
  await fs.rm(userDataDir, { recursive: true, force: true });
});

function setUp(overrides: Partial<SigningKeyStoreDependencies> = {}) {
  const keyring = new FakeKeyring();
  const logged: string[] = [];
  const deps: SigningKeyStoreDependencies = {
    safeStorage: keyring,
    userDataDir,
    fs,
    platform: 'linux',
    now: () => new Date('2025-06-01T08:00:00.000Z'),
    log: (message) => logged.push(message),
    ...overrides,
  };
  return {
    keyring,
    logged,
    store: createSigningKeyStore(deps),
    file: deviceKeyPath(deps.userDataDir),
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** Verifies with node:crypto, from nothing but the base64url raw public key. */
function verifies(publicKey: string, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return verify(null, message, key, signature);
}

describe('getKey', () => {
  it('makes the key on the first call, in <userData>/keys/device-key.json', async () => {
    const { store, file } = setUp();
    const info = await store.getKey();
    expect(info).toEqual({
      publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      createdAt: '2025-06-01T08:00:00.000Z',
      protection: 'os-keyring',
    });
    expect(Buffer.from(info.publicKey, 'base64url')).toHaveLength(32);
    expect(file).toBe(path.join(userDataDir, 'keys', 'device-key.json'));
    const stored = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(stored).toEqual({
      version: 1,
      publicKey: info.publicKey,
      encryptedPrivateKey: expect.stringMatching(/^[A-Za-z0-9+/]+={0,2}$/),
      createdAt: '2025-06-01T08:00:00.000Z',
    });
    // Written atomically: no temporary file left beside it.
    expect(await fs.readdir(path.dirname(file))).toEqual(['device-key.json']);
  });

  it('reuses the key: later calls and a new store (next app start) return the same one', async () => {
    const first = setUp();
    const info = await first.store.getKey();
    expect(await first.store.getKey()).toEqual(info);
    const { store, keyring } = setUp();
    expect(await store.getKey()).toEqual(info);
    expect(keyring.encrypted).toEqual([]);
  });

  it('makes one key when the first calls come at the same time', async () => {
    const { store, keyring } = setUp();
    const infos = await Promise.all([store.getKey(), store.getKey(), store.getKey()]);
    expect(new Set(infos.map((info) => info.publicKey)).size).toBe(1);
    expect(keyring.encrypted).toHaveLength(1);
  });

  it('stores no plain private key: only what the keyring encrypted', async () => {
    const { store, keyring, file } = setUp();
    const { publicKey } = await store.getKey();
    expect(keyring.encrypted).toHaveLength(1);
    const pem = keyring.encrypted[0] ?? '';
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    // The plain text handed to the keyring is this key's private key...
    const privateKey = createPrivateKey(pem);
    expect(createPublicKey(privateKey).export({ format: 'jwk' }).x).toBe(publicKey);
    const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    expect(seed).toHaveLength(32);
    // ...and none of its spellings is in the file.
    const raw = await fs.readFile(file);
    const text = raw.toString('utf8');
    for (const secret of [
      pem,
      pem.split('\n')[1] ?? pem,
      seed.toString('base64'),
      seed.toString('base64url'),
      seed.toString('hex'),
      der.toString('base64'),
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(raw.includes(seed)).toBe(false);
    expect(raw.includes(der)).toBe(false);
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('does not return the private key, in any field', async () => {
    const { store, keyring } = setUp();
    const info = await store.getKey();
    const seed = createPrivateKey(keyring.encrypted[0] ?? '').export({ format: 'jwk' }).d ?? '';
    expect(JSON.stringify(info)).not.toContain(seed);
    expect(Object.keys(info).sort()).toEqual(['createdAt', 'protection', 'publicKey']);
  });

  it('checks that the keyring gives back what it encrypted before keeping a key', async () => {
    const { store, keyring, file } = setUp();
    keyring.isBroken = true;
    await expect(store.getKey()).rejects.toThrow();
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('where the OS has no real keyring', () => {
  it('refuses when safeStorage reports encryption unavailable, and writes nothing', async () => {
    const { store, keyring, file } = setUp({ platform: 'win32' });
    keyring.isAvailable = false;
    await expect(store.getKey()).rejects.toThrow(
      /OS keyring is not available .*win32.*plain text, so signing is refused/,
    );
    await expect(store.sign(bytes('x'))).rejects.toThrow(/signing is refused/);
    expect(keyring.encrypted).toEqual([]);
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each(['basic_text', 'unknown'] as const)(
    'refuses on Linux with the %s backend, naming it, though encryption reports available',
    async (backend) => {
      const { store, keyring, file } = setUp();
      keyring.backend = backend;
      await expect(store.getKey()).rejects.toThrow(
        new RegExp(`backend is "${backend}".*stored in plain text.*signing is refused`),
      );
      expect(keyring.encrypted).toEqual([]);
      await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  it('refuses to sign with an existing key once the backend is basic_text', async () => {
    const { store, keyring } = setUp();
    await store.getKey();
    keyring.calls.length = 0;
    keyring.backend = 'basic_text';
    await expect(store.sign(bytes('x'))).rejects.toThrow(/"basic_text"/);
    expect(keyring.calls).not.toContain('decryptStringAsync');
  });

  it.each(['kwallet5', 'gnome_libsecret'] as const)('accepts the %s backend', async (backend) => {
    const { store, keyring } = setUp();
    keyring.backend = backend;
    await expect(store.getKey()).resolves.toMatchObject({ protection: 'os-keyring' });
  });

  it('asks for the backend only on Linux, after the keyring has initialised', async () => {
    const mac = setUp({ platform: 'darwin' });
    await mac.store.getKey();
    expect(mac.keyring.calls).not.toContain('getSelectedStorageBackend');
    const linux = setUp({ platform: 'linux' });
    await linux.store.getKey();
    expect(linux.keyring.calls.slice(0, 2)).toEqual([
      'isAsyncEncryptionAvailable',
      'getSelectedStorageBackend',
    ]);
  });
});

describe('sign', () => {
  it('makes Ed25519 signatures that verify against the public key', async () => {
    const { store } = setUp();
    const { publicKey } = await store.getKey();
    const message = bytes('{"purpose":"sign-off","reportHash":"ab12"}');
    const signature = await store.sign(message);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature).toHaveLength(64);
    expect(verifies(publicKey, message, signature)).toBe(true);
    expect(
      verifies(publicKey, bytes('{"purpose":"sign-off","reportHash":"ab13"}'), signature),
    ).toBe(false);
  });

  it('signs with the same key after the app restarts', async () => {
    const { publicKey } = await setUp().store.getKey();
    const { store } = setUp();
    const message = bytes('countersign');
    expect(verifies(publicKey, message, await store.sign(message))).toBe(true);
  });

  it('refuses when there is no key yet, instead of making one on the side', async () => {
    const { store, file } = setUp();
    await expect(store.sign(bytes('x'))).rejects.toThrow(/no signing key yet/);
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('tells the public key without making one, and refuses to sign with another key', async () => {
    const { store, file } = setUp();
    await expect(store.publicKey()).resolves.toBeNull();
    await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    const { publicKey } = await store.getKey();
    await expect(store.publicKey()).resolves.toBe(publicKey);
    await expect(store.sign(bytes('x'), 'B'.repeat(43))).rejects.toThrow(/key changed/);
    expect(verifies(publicKey, bytes('x'), await store.sign(bytes('x'), publicKey))).toBe(true);
  });

  it('says so clearly when the keyring cannot decrypt the key', async () => {
    const { store, keyring, file } = setUp();
    await store.getKey();
    keyring.isBroken = true;
    await expect(store.sign(bytes('x'))).rejects.toThrow(
      `The OS keyring could not decrypt the signing key in ${file}`,
    );
  });

  it('re-encrypts the key when the keyring has rotated, keeping the same key', async () => {
    const { store, keyring, file } = setUp();
    const { publicKey } = await store.getKey();
    const before = JSON.parse(await fs.readFile(file, 'utf8'));
    keyring.shouldReEncrypt = true;
    const signature = await store.sign(bytes('x'));
    expect(verifies(publicKey, bytes('x'), signature)).toBe(true);
    expect(keyring.encrypted).toHaveLength(2);
    const after = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(after).toEqual({ ...before, encryptedPrivateKey: expect.any(String) });
    expect(await fs.readdir(path.dirname(file))).toEqual(['device-key.json']);
  });

  it('still signs when re-encrypting fails, keeps the old file and logs it', async () => {
    const { store, keyring, file, logged } = setUp();
    const { publicKey } = await store.getKey();
    const before = await fs.readFile(file, 'utf8');
    keyring.shouldReEncrypt = true;
    keyring.isEncryptBroken = true;
    expect(verifies(publicKey, bytes('x'), await store.sign(bytes('x')))).toBe(true);
    expect(await fs.readFile(file, 'utf8')).toBe(before);
    expect(logged).toEqual([expect.stringContaining('could not re-encrypt the signing key')]);
  });
});

describe('a damaged key file', () => {
  async function writeKeyFile(contents: string) {
    const file = deviceKeyPath(userDataDir);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, contents);
    return file;
  }

  it.each([
    ['not JSON', '{"version": 1, "publicKey": '],
    ['not JSON', '\u0000\u0001binary'],
    ['not an object', '[1, 2]'],
    ['unknown format version', '{"version": 0}'],
    [
      'the public key is not 32 bytes of base64url',
      '{"version": 1, "publicKey": "abc", "encryptedPrivateKey": "ZmFrZQ==", "createdAt": "2025-06-01T08:00:00Z"}',
    ],
    [
      'the encrypted private key is not base64',
      `{"version": 1, "publicKey": "${'A'.repeat(43)}", "encryptedPrivateKey": "not base64!", "createdAt": "2025-06-01T08:00:00Z"}`,
    ],
    [
      'createdAt is not a date',
      `{"version": 1, "publicKey": "${'A'.repeat(43)}", "encryptedPrivateKey": "ZmFrZQ==", "createdAt": "soon"}`,
    ],
  ])('is refused as damaged (%s), and left untouched', async (reason, contents) => {
    const file = await writeKeyFile(contents);
    const { store } = setUp();
    const message = `The signing key file ${file} is damaged (${reason}).`;
    await expect(store.getKey()).rejects.toThrow(message);
    await expect(store.sign(bytes('x'))).rejects.toThrow(message);
    expect(await fs.readFile(file, 'utf8')).toBe(contents);
  });

  it('is refused when its private key belongs to another public key', async () => {
    const { store, file } = setUp();
    await store.getKey();
    const other = setUp({ userDataDir: await fs.mkdtemp(path.join(tmpdir(), 'other-key-')) });
    const otherInfo = await other.store.getKey();
    const record = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ ...record, publicKey: otherInfo.publicKey }));
    await fs.rm(path.dirname(path.dirname(other.file)), { recursive: true, force: true });
    await expect(store.sign(bytes('x'))).rejects.toThrow(
      'damaged (the private key does not belong to the public key)',
    );
  });

  it('is refused when the decrypted private key is not a key', async () => {
    const { store, keyring, file } = setUp();
    await store.getKey();
    const record = JSON.parse(await fs.readFile(file, 'utf8'));
    const garbage = (await keyring.encryptStringAsync('not a key')).toString('base64');
    await fs.writeFile(file, JSON.stringify({ ...record, encryptedPrivateKey: garbage }));
    await expect(store.sign(bytes('x'))).rejects.toThrow(
      'damaged (the decrypted private key is not a key)',
    );
  });

  it('from a newer app version asks for an update instead of calling it damaged', async () => {
    await writeKeyFile('{"version": 2, "somethingNew": true}');
    const { store } = setUp();
    await expect(store.getKey()).rejects.toThrow(/format version 2: a newer version of the app/);
  });

  it('that cannot be read (a folder in its place) gives a clear error', async () => {
    await fs.mkdir(deviceKeyPath(userDataDir), { recursive: true });
    const { store } = setUp();
    await expect(store.getKey()).rejects.toThrow(/Could not read the signing key file .*EISDIR/);
  });

  it('does not stop the store: once the file is moved aside, a new key is made', async () => {
    const file = await writeKeyFile('garbage');
    const { store } = setUp();
    await expect(store.getKey()).rejects.toThrow(/damaged/);
    await fs.rename(file, `${file}.damaged`);
    await expect(store.getKey()).resolves.toMatchObject({ protection: 'os-keyring' });
  });
});
