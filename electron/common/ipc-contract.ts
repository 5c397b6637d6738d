// The one contract between main, preload and renderer. Types only plus the channel list: this file
// must never import electron or node, because the renderer imports it too.
// To add a call: add it to IpcContract, then main's handler map and the preload will not compile
// until they implement it, and neither will the web bridge (renderer/bridge/web-bridge.ts).
// To add a main -> renderer event: add its subscription to BridgeEvents and BRIDGE_EVENT_METHODS,
// with its own channel constant; the preload and the web bridge then fail to compile until they
// offer it, and main sends on the channel with webContents.send (see MenuCommand below).

export type Runtime = 'desktop' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  runtime: Runtime;
  platform: string;
}

export interface OpenExternalResult {
  opened: boolean;
  /** Why the URL was refused, when it was. */
  reason?: string;
}

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  data: Uint8Array;
}

export interface SaveFileResult {
  saved: boolean;
  /** Where the file went (desktop) or the download name (web). */
  location?: string;
}

export interface OpenFileRequest {
  title: string;
  /** Extensions without the dot, e.g. ["yaml", "yml"]. */
  extensions: string[];
}

export interface OpenedFile {
  name: string;
  data: Uint8Array;
}

/**
 * How the device's signing key is protected. 'os-keyring': the desktop app keeps the private key
 * only encrypted with the OS keyring (Electron safeStorage) and uses it in the main process alone.
 * 'browser-non-extractable': web mode keeps a non-extractable WebCrypto key in IndexedDB.
 */
export type SigningKeyProtection = 'os-keyring' | 'browser-non-extractable';

/** The public half of this device's Ed25519 signing key; the private half never crosses the bridge. */
export interface SigningKeyInfo {
  /** base64url (no padding) of the raw 32-byte Ed25519 public key, as in core's SignerIdentity. */
  publicKey: string;
  /** ISO 8601: when the key was made on this device. */
  createdAt: string;
  protection: SigningKeyProtection;
  /** Something the user should know about how safe the key is, in plain words. */
  warning?: string;
}

/**
 * One signed report revision for main's second copy on disk (report-mirror.ts): `json` is the
 * canonical JSON exactly as stored in IndexedDB, `attachments` the evidence bytes it refers to.
 */
export interface MirrorSignedReportRequest {
  reportId: string;
  revision: number;
  json: string;
  attachments: { sha256: string; bytes: Uint8Array }[];
}

export interface MirrorSignedReportResult {
  /**
   * False when the copy on disk is kept: it is the same, or holds more or other signatures, or
   * other content for this revision. (A copy that does not verify, or that would pass the folder's
   * quota, is refused with an error that says why.)
   */
  mirrored: boolean;
  reason?: string;
}

/** The languages main's own dialogs speak (the renderer's, see renderer/i18n). */
export type DialogLanguage = 'en' | 'es';

/**
 * A signature with the device key. `message` must be the UTF-8 of canonicalJson(statement) of a
 * sign-off, countersign or send-back statement (core/reports/report-format.ts SignedStatement)
 * naming this device's key, and `reportBody` the canonicalJson of the report body its reportHash
 * names (core's SigningContext): main checks both with core/reports/statement-to-sign.ts, shows
 * the run, office, decision and report fingerprint in a native confirmation, and signs only when
 * the user confirms. Anything else is refused and nothing is signed.
 */
export interface SignWithDeviceKeyRequest {
  message: Uint8Array;
  reportBody: string;
  /** The page's language, for the confirmation; English when absent. */
  language?: DialogLanguage;
}

/**
 * A supervisor's decision on a waiver request (issue 16, four eyes), signed with the device key.
 * `message` must be the UTF-8 of canonicalJson(statement) of a core WaiverStatement
 * (core/runs/waiver-decision.ts) naming this device's key: main checks it with checkWaiverToSign,
 * shows the run, office, item, request and decision in a native confirmation, and signs only when
 * the user confirms. Anything else is refused and nothing is signed.
 */
export interface SignWaiverDecisionRequest {
  message: Uint8Array;
  /** The page's language, for the confirmation; English when absent. */
  language?: DialogLanguage;
}

/** The hub this device may connect to (the CSP's connect-src); null when it disconnects. */
export interface SetHubOriginRequest {
  hubUrl: string | null;
  /** The page's language, for the confirmation; English when absent. */
  language?: DialogLanguage;
}

export interface SetHubOriginResult {
  /** The hub origin allowed from the next page load on (null: none). */
  origin: string | null;
  /** False when the user did not allow the new hub in main's confirmation: nothing changed. */
  isAllowed: boolean;
  /** The page must reload for its Content-Security-Policy to allow the new hub. */
  isReloadRequired: boolean;
}

/** A report revision as main keeps it on disk. `json` is unchecked text: verify before use. */
export interface MirroredReport {
  reportId: string;
  revision: number;
  json: string;
}

export interface MirroredAttachmentRequest {
  reportId: string;
  revision: number;
  sha256: string;
}

/** Method name -> request and response. The IPC channel of a method is `app:<method>`. */
export interface IpcContract {
  getInfo: { request: void; response: AppInfo };
  openExternal: { request: { url: string }; response: OpenExternalResult };
  saveFile: { request: SaveFileRequest; response: SaveFileResult };
  openFile: { request: OpenFileRequest; response: OpenedFile | null };
  /** This device's signing key, made on the first call and the same one after that. */
  getSigningKey: { request: void; response: SigningKeyInfo };
  /**
   * An Ed25519 signature (64 bytes) of a statement with the key getSigningKey reports, once the
   * user confirms it (SignWithDeviceKeyRequest). Refused when there is no key yet (call
   * getSigningKey first), for messages over MAX_SIGN_MESSAGE_BYTES, for anything but a statement
   * about the given body, and when the user cancels the confirmation.
   */
  signWithDeviceKey: { request: SignWithDeviceKeyRequest; response: { signature: Uint8Array } };
  /**
   * An Ed25519 signature (64 bytes) of a supervisor's waiver decision with the key getSigningKey
   * reports, once the user confirms it (SignWaiverDecisionRequest). Refused when there is no key
   * yet, for anything but a canonical WaiverStatement naming this key, and when the user cancels.
   */
  signWaiverDecision: {
    request: SignWaiverDecisionRequest;
    response: { signature: Uint8Array };
  };
  /**
   * Keeps a second copy of a signed report revision and its evidence as files (desktop), because
   * Chromium may reset IndexedDB. Main verifies the copy first; a countersigned copy of the same
   * body replaces the plain one, never the reverse; the folder has a quota. Web mode has no second
   * copy: a no-op there.
   */
  mirrorSignedReport: { request: MirrorSignedReportRequest; response: MirrorSignedReportResult };
  /** Every revision in the second copy (desktop); always empty in web mode. */
  listMirroredReports: { request: void; response: MirroredReport[] };
  /** Evidence bytes from the second copy, checked against their SHA-256; null when absent or damaged. */
  readMirroredAttachment: { request: MirroredAttachmentRequest; response: Uint8Array | null };
  /**
   * Names the hub the page may connect to (electron/main/hub-origin.ts), when the user enrolls
   * with a hub (main asks the user first) or disconnects. Web mode's CSP comes from its server
   * (HUB_URL): there it changes nothing.
   */
  setHubOrigin: { request: SetHubOriginRequest; response: SetHubOriginResult };
}

export type IpcMethod = keyof IpcContract;
export type IpcRequest<M extends IpcMethod> = IpcContract[M]['request'];
export type IpcResponse<M extends IpcMethod> = IpcContract[M]['response'];

export const IPC_METHODS = [
  'getInfo',
  'openExternal',
  'saveFile',
  'openFile',
  'getSigningKey',
  'signWithDeviceKey',
  'signWaiverDecision',
  'mirrorSignedReport',
  'listMirroredReports',
  'readMirroredAttachment',
  'setHubOrigin',
] as const satisfies readonly IpcMethod[];

/**
 * The largest message signWithDeviceKey signs, in both runtimes. What is signed is a small
 * SignedStatement (core/reports/report-format.ts), never a whole report; the body it names travels
 * beside it as `reportBody` (at most core's MAX_REPORT_JSON_BYTES).
 */
export const MAX_SIGN_MESSAGE_BYTES = 64 * 1024;

// Compile-time check that IPC_METHODS lists every method of the contract.
type MissingMethods = Exclude<IpcMethod, (typeof IPC_METHODS)[number]>;
const everyMethodListed: MissingMethods extends never ? true : MissingMethods = true;
void everyMethodListed;

export function channelOf(method: IpcMethod): `app:${IpcMethod}` {
  return `app:${method}`;
}

// Main -> renderer events. One channel per event, sent by main with webContents.send and received
// in the preload, which passes the page the payload only (never the IPC event, which holds the
// sender) and only when it is one of the known values.

/**
 * What the application menu (electron/main/app-menu.ts) asks the focused window to do. The
 * renderer acts on it in renderer/features/desktop/use-menu-commands.ts: a new command needs a
 * menu item there and an action here, and the switch in menu-command-plan.ts will not compile
 * until it has one.
 */
export type MenuCommand =
  'new-run' | 'import-template' | 'import-report' | 'export-pdf' | 'backup' | 'restore';

export const MENU_COMMANDS = [
  'new-run',
  'import-template',
  'import-report',
  'export-pdf',
  'backup',
  'restore',
] as const satisfies readonly MenuCommand[];

type MissingMenuCommands = Exclude<MenuCommand, (typeof MENU_COMMANDS)[number]>;
const everyMenuCommandListed: MissingMenuCommands extends never ? true : MissingMenuCommands = true;
void everyMenuCommandListed;

/** The one channel of menu commands (not `app:<method>`: nothing is invoked on it). */
export const MENU_COMMAND_CHANNEL = 'app-event:menu-command';

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** The event subscriptions of the bridge (main -> renderer), beside the invoked methods. */
export interface BridgeEvents {
  /** Calls `listener` with each menu command main sends this window; returns the way to stop. */
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
}

export const BRIDGE_EVENT_METHODS = [
  'onMenuCommand',
] as const satisfies readonly (keyof BridgeEvents)[];

type MissingEventMethods = Exclude<keyof BridgeEvents, (typeof BRIDGE_EVENT_METHODS)[number]>;
const everyEventMethodListed: MissingEventMethods extends never ? true : MissingEventMethods = true;
void everyEventMethodListed;

/** What `window.app` offers the renderer, in the desktop app and in web mode alike. */
export type AppBridge = {
  [M in IpcMethod]: IpcRequest<M> extends void
    ? () => Promise<IpcResponse<M>>
    : (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
} & BridgeEvents;

/** The origin the renderer is served from in the desktop app (custom protocol, stable across releases). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
