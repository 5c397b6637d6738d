// This device's Ed25519 signing key in the desktop app: made on first use, kept only encrypted by
// the OS keyring (Electron safeStorage) in <userData>/keys/device-key.json, decrypted in memory
// for each signature and never returned. Where the OS offers no real keyring (no encryption, or
// Linux's plain-text 'basic_text' backend) it refuses: a signing key stored in plain text would let
// anyone who copies the file sign go-live reports as this user.
// The web-mode twin is renderer/bridge/web-signing-key.ts: keep refusal rules and limits in step.
//
// Uses safeStorage's asynchronous API: Electron 45's electron.d.ts marks isEncryptionAvailable,
// encryptString and decryptString deprecated (and the async API supports key rotation). Data the
// synchronous API encrypted decrypts with decryptStringAsync, so nothing here depends on which
// API wrote a file.

import path from 'node:path';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as signWithKey,
  type KeyObject,
} from 'node:crypto';
import type { SafeStorage } from 'electron';
import type { SigningKeyInfo } from '../common/ipc-contract';
import { writeFileAtomic, type AtomicWriteFileSystem } from './write-file-atomic';

/** Bump when the shape of DeviceKeyFile changes, and keep reading the old shape. */
export const DEVICE_KEY_FILE_VERSION = 1;

/** What <userData>/keys/device-key.json holds. */
export interface DeviceKeyFile {
  version: typeof DEVICE_KEY_FILE_VERSION;
  /** base64url (no padding) of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  /** base64 of safeStorage's encryption of the PKCS#8 PEM of the private key. */
  encryptedPrivateKey: string;
  /** ISO 8601. */
  createdAt: string;
}

/** The slice of Electron's safeStorage used here; the real one satisfies it, tests pass a fake. */
export type KeyringStorage = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

/** What the store needs of node:fs/promises (which satisfies it). */
export interface SigningKeyFileSystem extends AtomicWriteFileSystem {
  mkdir(folder: string, options: { recursive: true; mode: number }): Promise<unknown>;
  readFile(filePath: string): Promise<Uint8Array>;
}

export interface SigningKeyStoreDependencies {
  safeStorage: KeyringStorage;
  /** app.getPath('userData'). */
  userDataDir: string;
  fs: SigningKeyFileSystem;
  /** process.platform: on Linux the keyring backend is checked too. */
  platform: string;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface SigningKeyStore {
  /** The public half of the device key; makes the key on the first call. */
  getKey(): Promise<SigningKeyInfo>;
  /** The public key when the device has one, without making one; null when it has none yet. */
  publicKey(): Promise<string | null>;
  /**
   * A 64-byte Ed25519 signature of `message`; refuses when there is no key yet, and when the key
   * is not `expectedPublicKey` (the one a checked statement names). Raw bytes: only
   * sign-request.ts calls this, after checking the statement and the user's confirmation.
   */
  sign(message: Uint8Array, expectedPublicKey?: string): Promise<Uint8Array>;
}

export function deviceKeyPath(userDataDir: string): string {
  return path.join(userDataDir, 'keys', 'device-key.json');
}

const PLAIN_TEXT_BACKENDS: readonly string[] = ['basic_text', 'unknown'];

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/** base64url of the raw 32-byte public key (the JWK `x` member is exactly that). */
function rawPublicKey(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string' || Buffer.from(x, 'base64url').length !== 32) {
    throw new Error('node:crypto returned an Ed25519 public key that is not 32 bytes.');
  }
  return x;
}

function isBase64Url32(text: unknown): text is string {
  return typeof text === 'string' && /^[A-Za-z0-9_-]{43}$/.test(text)
    ? Buffer.from(text, 'base64url').toString('base64url') === text
    : false;
}

function isBase64(text: unknown): text is string {
  return (
    typeof text === 'string' &&
    text.length > 0 &&
    /^[A-Za-z0-9+/]+={0,2}$/.test(text) &&
    Buffer.from(text, 'base64').toString('base64') === text
  );
}

/** Why `value` is not a DeviceKeyFile of this version, or null when it is one. */
function keyFileProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const candidate = value as Partial<Record<keyof DeviceKeyFile, unknown>>;
  if (candidate.version !== DEVICE_KEY_FILE_VERSION) return 'unknown format version';
  if (!isBase64Url32(candidate.publicKey)) return 'the public key is not 32 bytes of base64url';
  if (!isBase64(candidate.encryptedPrivateKey)) return 'the encrypted private key is not base64';
  if (typeof candidate.createdAt !== 'string' || Number.isNaN(Date.parse(candidate.createdAt))) {
    return 'createdAt is not a date';
  }
  return null;
}

export function createSigningKeyStore(deps: SigningKeyStoreDependencies): SigningKeyStore {
  const { safeStorage, fs, platform } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((message: string) => console.warn(`[signing-keys] ${message}`));
  const file = deviceKeyPath(deps.userDataDir);

  const damaged = (reason: string) =>
    new Error(
      `The signing key file ${file} is damaged (${reason}). It was left as it is and signing is ` +
        'refused rather than silently making a new key. To start over, move the file aside: the ' +
        'next sign-off makes a new key, whose public key must then be trusted again.',
    );

  /** Why this device may not hold a signing key, or null when its keyring really encrypts. */
  async function keyringRefusal(): Promise<string | null> {
    // First, as it also initialises safeStorage's asynchronous encryptor (electron.d.ts), so the
    // Linux backend is read from an initialised safeStorage. (Not tried on a real Linux desktop:
    // Electron cannot run on the machine this was written on.)
    const isAvailable = await safeStorage.isAsyncEncryptionAvailable();
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (PLAIN_TEXT_BACKENDS.includes(backend)) {
        return (
          `No OS keyring protects secrets here: Electron's safeStorage backend is "${backend}", so ` +
          'the signing key would be stored in plain text and signing is refused on this device. ' +
          'Unlock or install a keyring (GNOME Keyring, KWallet) and restart the app.'
        );
      }
    }
    if (!isAvailable) {
      return (
        `The OS keyring is not available on this device (${platform}): the signing key would be ` +
        'stored in plain text, so signing is refused.'
      );
    }
    return null;
  }

  async function assertKeyring(): Promise<void> {
    const refusal = await keyringRefusal();
    if (refusal !== null) throw new Error(refusal);
  }

  async function readKeyFile(): Promise<DeviceKeyFile | null> {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw new Error(`Could not read the signing key file ${file}: ${messageOf(error)}`, {
        cause: error,
      });
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw damaged('not JSON');
    }
    const version = (value as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > DEVICE_KEY_FILE_VERSION) {
      throw new Error(
        `The signing key file ${file} has format version ${version}: a newer version of the app ` +
          'wrote it. Update the app to sign with this key.',
      );
    }
    const problem = keyFileProblem(value);
    if (problem !== null) throw damaged(problem);
    return value as DeviceKeyFile;
  }

  async function writeKeyFile(record: DeviceKeyFile): Promise<void> {
    // Owner-only, though the private key in it is encrypted anyway.
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const json = `${JSON.stringify(record, null, 2)}\n`;
    await writeFileAtomic(fs, file, new TextEncoder().encode(json), { mode: 0o600 });
  }

  async function encryptPrivateKey(pem: string): Promise<string> {
    const encrypted = await safeStorage.encryptStringAsync(pem);
    // A key the keyring cannot give back is worse than none: check before keeping it.
    const { result } = await safeStorage.decryptStringAsync(encrypted);
    if (result !== pem) throw new Error('The OS keyring did not return the key it encrypted.');
    return Buffer.from(encrypted).toString('base64');
  }

  async function createKey(): Promise<DeviceKeyFile> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const record: DeviceKeyFile = {
      version: DEVICE_KEY_FILE_VERSION,
      publicKey: rawPublicKey(publicKey),
      encryptedPrivateKey: await encryptPrivateKey(pem),
      createdAt: now().toISOString(),
    };
    await writeKeyFile(record);
    return record;
  }

  /** Decrypts the private key into memory only; it must belong to the file's public key. */
  async function privateKeyOf(
    record: DeviceKeyFile,
  ): Promise<{ privateKey: KeyObject; pem: string; shouldReEncrypt: boolean }> {
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await safeStorage.decryptStringAsync(
        Buffer.from(record.encryptedPrivateKey, 'base64'),
      );
    } catch (error) {
      throw new Error(
        `The OS keyring could not decrypt the signing key in ${file} (${messageOf(error)}). The ` +
          'keyring may have been reset, or the file copied from another user or device. Signing ' +
          'is refused; move the file aside to make a new key, which must then be trusted again.',
        { cause: error },
      );
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(decrypted.result);
    } catch {
      throw damaged('the decrypted private key is not a key');
    }
    if (privateKey.asymmetricKeyType !== 'ed25519') throw damaged('the private key is not Ed25519');
    if (rawPublicKey(createPublicKey(privateKey)) !== record.publicKey) {
      throw damaged('the private key does not belong to the public key');
    }
    return { privateKey, pem: decrypted.result, shouldReEncrypt: decrypted.shouldReEncrypt };
  }

  // One operation at a time: two first calls must not make two keys, and a re-encryption must
  // not race a read. Signing is rare, so the queue costs nothing noticeable.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    getKey: () =>
      exclusive(async () => {
        await assertKeyring();
        const record = (await readKeyFile()) ?? (await createKey());
        return {
          publicKey: record.publicKey,
          createdAt: record.createdAt,
          protection: 'os-keyring',
        };
      }),

    publicKey: () => exclusive(async () => (await readKeyFile())?.publicKey ?? null),

    sign: (message, expectedPublicKey) =>
      exclusive(async () => {
        await assertKeyring();
        const record = await readKeyFile();
        if (record === null) {
          throw new Error('This device has no signing key yet: getSigningKey makes it.');
        }
        if (expectedPublicKey !== undefined && record.publicKey !== expectedPublicKey) {
          throw new Error(
            "Refused to sign: the device's signing key changed since the statement was checked.",
          );
        }
        const { privateKey, pem, shouldReEncrypt } = await privateKeyOf(record);
        const signature = signWithKey(null, message, privateKey);
        if (shouldReEncrypt) {
          // The keyring rotated its key: store the private key under the new one. Best effort:
          // the old encryption still decrypts, and the next signature tries again.
          try {
            await writeKeyFile({ ...record, encryptedPrivateKey: await encryptPrivateKey(pem) });
          } catch (error) {
            log(`could not re-encrypt the signing key: ${messageOf(error)}`);
          }
        }
        return new Uint8Array(signature);
      }),
  };
}
