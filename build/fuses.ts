/**
 * The Electron fuses of every packaged build (Electron's "Electron Fuses" guide): switches
 * compiled into the Electron binary that no command-line flag or environment variable can undo.
 * build/after-pack.ts flips them on the packaged binary before it is signed.
 */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'

export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (and the rest of the session's storage that uses it) encrypted with an OS-held key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let anyone with a shell inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (Info.plist / Windows resource).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Without this, a folder named `app` beside app.asar would be loaded instead, unchecked.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app:// (src/main/services/app-protocol.ts); file:// needs nothing extra.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
} as const satisfies FuseV1Config

/** The fuse settings for one packaged binary: the ad-hoc signature is redone on Apple silicon. */
export function fusesFor(platform: string, arch: 'x64' | 'arm64' | 'universal' | string): FuseV1Config {
  return { ...FUSES, resetAdHocDarwinSignature: platform === 'darwin' && arch !== 'x64' }
}
