// The sign-off code's Signer (core/reports/report-format.ts) for this device: the identity is the
// device key's public half plus the user's profile, and signatures come from the bridge, so the
// private key stays in Electron's main process (desktop) or a non-extractable WebCrypto key (web).
// Each signature request carries the report body the statement is about, so the key's side can
// check the statement against it (core/reports/statement-to-sign.ts) and, in the desktop app,
// show the user what is signed before signing.
import type { AppBridge, DialogLanguage } from '../../electron/common/ipc-contract';
import type { Signer, SignerIdentity, SignerRole } from '../../core/reports/report-format';
import { canonicalJson } from '../../core/runs/event-chain';

export interface SignerProfile {
  name: string;
  /** Any profile role; an engineer's signer refuses to sign (engineers never sign reports). */
  role: SignerRole | 'engineer';
  office?: string;
}

/** The page's language (renderer/i18n sets <html lang>), for main's confirmation. */
function pageLanguage(): DialogLanguage {
  return typeof document !== 'undefined' && document.documentElement.lang === 'es' ? 'es' : 'en';
}

export function createDeviceSigner(
  bridge: Pick<AppBridge, 'getSigningKey' | 'signWithDeviceKey'>,
  profile: SignerProfile,
): Signer {
  return {
    identity: async (): Promise<SignerIdentity> => {
      const { role } = profile;
      if (role === 'engineer') {
        throw new Error("An engineer does not sign reports: the run's owner signs it off.");
      }
      const { publicKey } = await bridge.getSigningKey();
      // No `office: undefined`: the identity is canonicalised and signed as it is.
      return profile.office === undefined
        ? { publicKey, name: profile.name, role }
        : { publicKey, name: profile.name, role, office: profile.office };
    },
    sign: async (message, about) => {
      if (about === undefined) {
        throw new Error(
          'The device key signs statements about a report only: the report is missing.',
        );
      }
      const { signature } = await bridge.signWithDeviceKey({
        message,
        reportBody: canonicalJson(about.body),
        language: pageLanguage(),
      });
      return signature;
    },
  };
}
