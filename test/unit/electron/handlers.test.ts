// The desktop IPC handlers on fakes (app, shell, dialog, signing key store) and a real temporary
// folder: getInfo, openExternal through the allowlist, saveFile written atomically, openFile with
// its size limit, the signing key calls checked before they reach the key store (the statement
// checks and the confirmation: sign-request.test.ts), and the report mirror calls handed to the
// real mirror on the same folder.
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  BaseWindow,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import { MAX_SIGN_MESSAGE_BYTES } from '../../../electron/common/ipc-contract';
import type { SignWithDeviceKeyRequest } from '../../../electron/common/ipc-contract';
import { MAX_OPEN_FILE_BYTES, createHandlers } from '../../../electron/main/handlers';
import type { HandlerDependencies, HandlerFileSystem } from '../../../electron/main/handlers';
import { createReportMirror } from '../../../electron/main/report-mirror';
import type { SigningKeyStore } from '../../../electron/main/signing-keys';
import { canonicalReportJson, signOff } from '../../../core/reports';
import { adminSigner, body } from '../core/reports/fixtures';

const sender = { url: 'app://bundle/index.html', webContentsId: 1 };
const bytes = (text: string) => new TextEncoder().encode(text);

let folder: string;
beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(tmpdir(), 'handlers-'));
});
afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

function setUp(overrides: Partial<HandlerDependencies> = {}) {
  let saveChoice: SaveDialogReturnValue = { canceled: true, filePath: '' };
  let openChoice: OpenDialogReturnValue = { canceled: true, filePaths: [] };
  const saveOptions: SaveDialogOptions[] = [];
  const openOptions: OpenDialogOptions[] = [];
  const parents: (BaseWindow | null)[] = [];
  const openExternal = vi.fn(async (_url: string) => undefined);
  const signingKeys = {
    getKey: vi.fn<SigningKeyStore['getKey']>(async () => ({
      publicKey: 'A'.repeat(43),
      createdAt: '2025-06-01T08:00:00.000Z',
      protection: 'os-keyring' as const,
    })),
    publicKey: vi.fn<SigningKeyStore['publicKey']>(async () => 'A'.repeat(43)),
    sign: vi.fn<SigningKeyStore['sign']>(async () => new Uint8Array(64).fill(7)),
  };
  const showMessageBox = vi.fn(async () => ({ response: 0, checkboxChecked: false }));
  const deps: HandlerDependencies = {
    app: { getName: () => 'Go-live Checklists', getVersion: () => '1.2.3' },
    platform: 'linux',
    shell: { openExternal },
    dialog: {
      // One fake for both overloads (with and without a parent window): options come last.
      showSaveDialog: async (...args: [BaseWindow, SaveDialogOptions] | [SaveDialogOptions]) => {
        saveOptions.push(args.at(-1) as SaveDialogOptions);
        parents.push(args.length === 2 ? args[0] : null);
        return saveChoice;
      },
      showOpenDialog: async (...args: [BaseWindow, OpenDialogOptions] | [OpenDialogOptions]) => {
        openOptions.push(args.at(-1) as OpenDialogOptions);
        parents.push(args.length === 2 ? args[0] : null);
        return openChoice;
      },
      showMessageBox: showMessageBox as unknown as HandlerDependencies['dialog']['showMessageBox'],
    },
    fs,
    getWindow: () => null,
    allowlist: ['github.com', 'learn.microsoft.com'],
    signingKeys,
    signingLog: { info: () => undefined, warn: () => undefined },
    reportMirror: createReportMirror({ fs, userDataDir: folder, log: () => undefined }),
    hubOrigins: { set: async () => ({ origin: null, isAllowed: true, isReloadRequired: false }) },
    ...overrides,
  };
  return {
    handlers: createHandlers(deps),
    openExternal,
    signingKeys,
    showMessageBox,
    saveOptions,
    openOptions,
    parents,
    chooseSavePath: (filePath: string) => (saveChoice = { canceled: false, filePath }),
    chooseOpenPath: (filePath: string) => (openChoice = { canceled: false, filePaths: [filePath] }),
  };
}

describe('getInfo', () => {
  it('reports the desktop runtime with the app name, version and platform', async () => {
    const { handlers } = setUp();
    await expect(handlers.getInfo(undefined, sender)).resolves.toEqual({
      name: 'Go-live Checklists',
      version: '1.2.3',
      runtime: 'desktop',
      platform: 'linux',
    });
  });
});

describe('openExternal', () => {
  it('opens an allowlisted https URL, normalised', async () => {
    const { handlers, openExternal } = setUp();
    await expect(
      handlers.openExternal({ url: 'https://GitHub.com/org/repo' }, sender),
    ).resolves.toEqual({ opened: true });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/org/repo');
  });

  it.each([
    'https://evil.example/',
    'https://github.com.evil.com/',
    'http://github.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://user:pass@github.com/',
    'not a url',
  ])('refuses %s with a reason and opens nothing', async (url) => {
    const { handlers, openExternal } = setUp();
    const result = await handlers.openExternal({ url }, sender);
    expect(result.opened).toBe(false);
    expect(result.reason).toEqual(expect.any(String));
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses a request without a string URL', async () => {
    const { handlers, openExternal } = setUp();
    const result = await handlers.openExternal({ url: 42 } as unknown as { url: string }, sender);
    expect(result.opened).toBe(false);
    await expect(
      handlers.openExternal(null as unknown as { url: string }, sender),
    ).resolves.toMatchObject({ opened: false });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('reports a failure of the system browser instead of throwing', async () => {
    const { handlers, openExternal } = setUp();
    openExternal.mockRejectedValueOnce(new Error('no handler'));
    await expect(
      handlers.openExternal({ url: 'https://github.com/' }, sender),
    ).resolves.toMatchObject({ opened: false });
  });
});

describe('saveFile', () => {
  const request = {
    suggestedName: 'go-live-report.pdf',
    mimeType: 'application/pdf',
    data: bytes('%PDF-1.7 report'),
  };

  it('writes the chosen file and leaves no temporary file behind', async () => {
    const { handlers, chooseSavePath, saveOptions } = setUp();
    const target = path.join(folder, 'report.pdf');
    chooseSavePath(target);
    await expect(handlers.saveFile(request, sender)).resolves.toEqual({
      saved: true,
      location: target,
    });
    expect(await fs.readFile(target, 'utf8')).toBe('%PDF-1.7 report');
    expect(await fs.readdir(folder)).toEqual(['report.pdf']);
    expect(saveOptions[0]).toMatchObject({
      defaultPath: 'go-live-report.pdf',
      filters: [
        { name: 'PDF file', extensions: ['pdf'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
  });

  it('replaces an existing file whole', async () => {
    const { handlers, chooseSavePath } = setUp();
    const target = path.join(folder, 'report.pdf');
    await fs.writeFile(target, 'the old, much longer contents of the report');
    chooseSavePath(target);
    await handlers.saveFile({ ...request, data: bytes('new') }, sender);
    expect(await fs.readFile(target, 'utf8')).toBe('new');
    expect(await fs.readdir(folder)).toEqual(['report.pdf']);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { handlers } = setUp();
    await expect(handlers.saveFile(request, sender)).resolves.toEqual({ saved: false });
    expect(await fs.readdir(folder)).toEqual([]);
  });

  it('suggests a bare file name, never a folder', async () => {
    const { handlers, saveOptions } = setUp();
    await handlers.saveFile({ ...request, suggestedName: '../../etc/evil.pdf' }, sender);
    await handlers.saveFile({ ...request, suggestedName: 'C:\\Windows\\evil.pdf' }, sender);
    await handlers.saveFile({ ...request, suggestedName: '..' }, sender);
    expect(saveOptions.map((options) => options.defaultPath)).toEqual([
      'evil.pdf',
      'evil.pdf',
      'export',
    ]);
  });

  it('rejects a malformed request before showing a dialog', async () => {
    const { handlers, saveOptions } = setUp();
    const malformed = { suggestedName: 'x.pdf', mimeType: 'application/pdf', data: 'not bytes' };
    await expect(handlers.saveFile(malformed as unknown as typeof request, sender)).rejects.toThrow(
      /saveFile needs/,
    );
    expect(saveOptions).toEqual([]);
  });

  it('keeps the old file and removes the temporary one when the final rename fails', async () => {
    const target = path.join(folder, 'report.pdf');
    await fs.writeFile(target, 'old');
    const failingFs: HandlerFileSystem = {
      ...fs,
      open: fs.open,
      rename: async () => {
        throw new Error('disk unplugged');
      },
    };
    const { handlers, chooseSavePath } = setUp({ fs: failingFs });
    chooseSavePath(target);
    await expect(handlers.saveFile(request, sender)).rejects.toThrow('disk unplugged');
    expect(await fs.readFile(target, 'utf8')).toBe('old');
    expect(await fs.readdir(folder)).toEqual(['report.pdf']);
  });
});

describe('dialogs', () => {
  it('are modal to the window of the calling page, or unparented when it has none', async () => {
    const window = { id: 3 } as unknown as BaseWindow;
    const getWindow = vi.fn((caller: typeof sender) =>
      caller.webContentsId === 1 ? window : null,
    );
    const { handlers, parents } = setUp({ getWindow });
    await handlers.saveFile(
      { suggestedName: 'a.pdf', mimeType: 'application/pdf', data: bytes('x') },
      sender,
    );
    await handlers.openFile(
      { title: 'Open', extensions: ['yaml'] },
      { ...sender, webContentsId: 2 },
    );
    expect(getWindow).toHaveBeenCalledWith(sender);
    expect(parents).toEqual([window, null]);
  });
});

describe('openFile', () => {
  const request = { title: 'Import a checklist', extensions: ['yaml', 'yml'] };

  it('reads the chosen file', async () => {
    const { handlers, chooseOpenPath, openOptions } = setUp();
    const source = path.join(folder, 'server.yaml');
    await fs.writeFile(source, 'id: server\n');
    chooseOpenPath(source);
    const opened = await handlers.openFile(request, sender);
    expect(opened?.name).toBe('server.yaml');
    expect(new TextDecoder().decode(opened?.data)).toBe('id: server\n');
    expect(openOptions[0]).toMatchObject({
      title: 'Import a checklist',
      properties: ['openFile'],
      filters: [{ name: 'yaml, yml', extensions: ['yaml', 'yml'] }],
    });
  });

  it('returns null when the dialog is cancelled', async () => {
    const { handlers } = setUp();
    await expect(handlers.openFile(request, sender)).resolves.toBeNull();
  });

  it('refuses a file over the limit with a clear error, without reading it', async () => {
    const { handlers, chooseOpenPath } = setUp({ maxOpenFileBytes: 10 });
    const source = path.join(folder, 'big.yaml');
    await fs.writeFile(source, 'x'.repeat(11));
    chooseOpenPath(source);
    await expect(handlers.openFile(request, sender)).rejects.toThrow(
      /"big\.yaml" is .* MB; files larger than .* MB cannot be opened\./,
    );
  });

  it('has a 50 MB limit by default', async () => {
    expect(MAX_OPEN_FILE_BYTES).toBe(50 * 1024 * 1024);
    const readFile = vi.fn((filePath: string) => fs.readFile(filePath));
    const statOverLimit: HandlerFileSystem = {
      ...fs,
      open: fs.open,
      readFile,
      stat: async () => ({ size: MAX_OPEN_FILE_BYTES + 1, isFile: () => true }),
    };
    const { handlers, chooseOpenPath } = setUp({ fs: statOverLimit });
    chooseOpenPath(path.join(folder, 'huge.yaml'));
    await expect(handlers.openFile(request, sender)).rejects.toThrow(
      '"huge.yaml" is 50.1 MB; files larger than 50 MB cannot be opened.',
    );
    expect(readFile).not.toHaveBeenCalled();
  });

  it('accepts a file of exactly the limit', async () => {
    const { handlers, chooseOpenPath } = setUp({ maxOpenFileBytes: 4 });
    const source = path.join(folder, 'four.yml');
    await fs.writeFile(source, 'abcd');
    chooseOpenPath(source);
    await expect(handlers.openFile(request, sender)).resolves.toMatchObject({ name: 'four.yml' });
  });

  it('refuses a folder', async () => {
    const { handlers, chooseOpenPath } = setUp();
    chooseOpenPath(folder);
    await expect(handlers.openFile(request, sender)).rejects.toThrow(/is not a file/);
  });

  it.each([
    { title: 'x', extensions: ['.yaml'] },
    { title: 'x', extensions: ['*'] },
    { title: 'x' },
    null,
  ])('rejects the malformed request %j before showing a dialog', async (malformed) => {
    const { handlers, openOptions } = setUp();
    await expect(handlers.openFile(malformed as unknown as typeof request, sender)).rejects.toThrow(
      /openFile needs/,
    );
    expect(openOptions).toEqual([]);
  });
});

describe('signing key', () => {
  it('getSigningKey returns the public key info of the key store', async () => {
    const { handlers, signingKeys } = setUp();
    await expect(handlers.getSigningKey(undefined, sender)).resolves.toEqual({
      publicKey: 'A'.repeat(43),
      createdAt: '2025-06-01T08:00:00.000Z',
      protection: 'os-keyring',
    });
    expect(signingKeys.getKey).toHaveBeenCalledOnce();
  });

  it('signWithDeviceKey refuses a message that is not a statement: no dialog, no signature', async () => {
    const { handlers, signingKeys, showMessageBox } = setUp();
    await expect(
      handlers.signWithDeviceKey({ message: bytes('statement'), reportBody: '{}' }, sender),
    ).rejects.toThrow(/^Refused to sign: the message is not JSON/);
    expect(showMessageBox).not.toHaveBeenCalled();
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });

  it('passes a refusal of the key store on', async () => {
    const { handlers, signingKeys } = setUp();
    signingKeys.getKey.mockRejectedValueOnce(new Error('signing is refused'));
    await expect(handlers.getSigningKey(undefined, sender)).rejects.toThrow('signing is refused');
  });

  it.each([
    ['no message', {}],
    ['a string', { message: 'statement', reportBody: '{}' }],
    ['an array of numbers', { message: [1, 2, 3], reportBody: '{}' }],
    ['an empty message', { message: new Uint8Array(0), reportBody: '{}' }],
    ['null', null],
  ])('signWithDeviceKey rejects %s before reaching the key store', async (_case, request) => {
    const { handlers, signingKeys } = setUp();
    await expect(
      handlers.signWithDeviceKey(request as unknown as SignWithDeviceKeyRequest, sender),
    ).rejects.toThrow(/signWithDeviceKey needs \{ message: Uint8Array, reportBody: string \}/);
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });

  it('signWithDeviceKey refuses a message over the limit before reading it', async () => {
    const { handlers, signingKeys } = setUp();
    await expect(
      handlers.signWithDeviceKey(
        { message: new Uint8Array(MAX_SIGN_MESSAGE_BYTES + 1), reportBody: '{}' },
        sender,
      ),
    ).rejects.toThrow(`up to ${MAX_SIGN_MESSAGE_BYTES} bytes, not ${MAX_SIGN_MESSAGE_BYTES + 1}`);
    expect(signingKeys.publicKey).not.toHaveBeenCalled();
    expect(signingKeys.sign).not.toHaveBeenCalled();
  });
});

describe('report mirror', () => {
  it('keeps a copy, lists it and reads its evidence back', async () => {
    const { handlers } = setUp();
    const reportBody = { ...body(), reportId: 'r-1' };
    const json = canonicalReportJson(await signOff(adminSigner, reportBody, reportBody.signedAt));
    const photo = bytes('rack label');
    const sha256 = createHash('sha256').update(photo).digest('hex');
    await expect(
      handlers.mirrorSignedReport(
        { reportId: 'r-1', revision: 1, json, attachments: [{ sha256, bytes: photo }] },
        sender,
      ),
    ).resolves.toEqual({ mirrored: true });
    await expect(handlers.listMirroredReports(undefined, sender)).resolves.toEqual([
      { reportId: 'r-1', revision: 1, json },
    ]);
    await expect(
      handlers.readMirroredAttachment({ reportId: 'r-1', revision: 1, sha256 }, sender),
    ).resolves.toEqual(photo);
    expect(await fs.readdir(path.join(folder, 'signed-reports', 'r-1', 'r1'))).toEqual(
      expect.arrayContaining(['report.json', 'attachments']),
    );
  });

  it('refuses a malformed request', async () => {
    const { handlers } = setUp();
    await expect(
      handlers.mirrorSignedReport(
        { reportId: 'r-1', revision: 1.5, json: '{}' } as unknown as Parameters<
          typeof handlers.mirrorSignedReport
        >[0],
        sender,
      ),
    ).rejects.toThrow(/mirrorSignedReport needs/);
  });
});
