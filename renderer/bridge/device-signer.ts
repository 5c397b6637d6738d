// The sign-off code's Signer (core/reports/report-format.ts) for this device: the identity is the
// device key's public half plus the user's profile, and signatures come from the bridge, so the
// private key stays in Electron's main process (desktop) or a non-extractable WebCrypto key (web).
import type { AppBridge } from '../../electron/common/ipc-contract';
import type { Signer, SignerIdentity, SignerRole } from '../../core/reports/report-format';

export interface SignerProfile {
  name: string;
  role: SignerRole;
  office?: string;
}

export function createDeviceSigner(
  bridge: Pick<AppBridge, 'getSigningKey' | 'signWithDeviceKey'>,
  profile: SignerProfile,
): Signer {
  return {
    identity: async (): Promise<SignerIdentity> => {
      const { publicKey } = await bridge.getSigningKey();
      // No `office: undefined`: the identity is canonicalised and signed as it is.
      return profile.office === undefined
        ? { publicKey, name: profile.name, role: profile.role }
        : { publicKey, name: profile.name, role: profile.role, office: profile.office };
    },
    sign: async (message) => (await bridge.signWithDeviceKey({ message })).signature,
  };
}
