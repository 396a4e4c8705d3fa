/**
 * Code signing from the environment only; nothing secret lives in the repository. Each OS is
 * signed when its variables are set and skipped, with a line saying so, when they are not
 * (README, "Releasing"):
 * - macOS: CSC_LINK (a .p12, path or base64) and CSC_KEY_PASSWORD, or CSC_NAME for an identity in
 *   the keychain; notarized with an App Store Connect API key: APPLE_API_KEY (path to the .p8),
 *   APPLE_API_KEY_ID, APPLE_API_ISSUER.
 * - Windows: Azure Trusted Signing (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET for the
 *   Azure login, and AZURE_SIGNING_ENDPOINT, AZURE_SIGNING_ACCOUNT, AZURE_SIGNING_PROFILE,
 *   AZURE_SIGNING_PUBLISHER for the account), or a certificate: WIN_CSC_LINK (or CSC_LINK) and
 *   WIN_CSC_KEY_PASSWORD.
 * electron-builder reads CSC_* and APPLE_* itself; this decides what the configuration asks for.
 */
import type { MacConfiguration, WindowsConfiguration } from 'electron-builder'

export interface SigningSetup {
  mac: Pick<MacConfiguration, 'identity' | 'notarize'>
  win: Pick<WindowsConfiguration, 'azureSignOptions'>
  /** One line per OS saying how its build is signed, or that it is not and why. */
  summary: { darwin: string; win32: string; linux: string }
}

const has = (env: NodeJS.ProcessEnv, ...names: string[]): boolean => names.every((name) => Boolean(env[name]?.trim()))

export function signingConfig(env: NodeJS.ProcessEnv): SigningSetup {
  const macCertificate = has(env, 'CSC_LINK') || has(env, 'CSC_NAME')
  const notarize = macCertificate && has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER')
  const azure = has(
    env,
    'AZURE_TENANT_ID',
    'AZURE_CLIENT_ID',
    'AZURE_CLIENT_SECRET',
    'AZURE_SIGNING_ENDPOINT',
    'AZURE_SIGNING_ACCOUNT',
    'AZURE_SIGNING_PROFILE',
    'AZURE_SIGNING_PUBLISHER'
  )
  const winCertificate = has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')

  const darwin = !macCertificate
    ? 'signing: macOS build NOT signed or notarized (no CSC_LINK or CSC_NAME); Gatekeeper will warn users.'
    : notarize
      ? 'signing: macOS build signed (CSC_LINK/CSC_NAME) and notarized with the App Store Connect API key (APPLE_API_KEY_ID).'
      : 'signing: macOS build signed but NOT notarized (set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER); Gatekeeper will warn users.'
  const win32 = azure
    ? `signing: Windows build signed with Azure Trusted Signing (account ${env['AZURE_SIGNING_ACCOUNT']}, profile ${env['AZURE_SIGNING_PROFILE']}).`
    : winCertificate
      ? 'signing: Windows build signed with the certificate in WIN_CSC_LINK/CSC_LINK.'
      : 'signing: Windows build NOT signed (no Azure Trusted Signing variables, no WIN_CSC_LINK or CSC_LINK); SmartScreen will warn users.'

  return {
    // identity null skips signing outright instead of searching the keychain for any identity.
    mac: macCertificate ? { notarize } : { identity: null, notarize: false },
    win: azure
      ? {
          azureSignOptions: {
            endpoint: env['AZURE_SIGNING_ENDPOINT']!,
            codeSigningAccountName: env['AZURE_SIGNING_ACCOUNT']!,
            certificateProfileName: env['AZURE_SIGNING_PROFILE']!,
            publisherName: env['AZURE_SIGNING_PUBLISHER']!
          }
        }
      : {},
    summary: { darwin, win32, linux: 'signing: Linux packages are not signed (AppImage and deb carry no signature).' }
  }
}
