/**
 * electron-builder's afterPack hook: runs once per packaged platform and arch, after the app and
 * its resources are in place and before anything is signed (fuses change the binary, so they
 * must come first). `addElectronFuses` is electron-builder's own helper for finding the binary.
 */
import { Arch, log, type AfterPackContext } from 'electron-builder'
import { fusesFor } from './fuses'
import { signingConfig } from './signing'

export async function afterPack(context: AfterPackContext): Promise<void> {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName
  const { summary } = signingConfig(process.env)
  log.info(null, summary[platform as keyof typeof summary] ?? `signing: nothing configured for ${platform}.`)
  const fuses = fusesFor(context.electronPlatformName, Arch[context.arch])
  await context.packager.addElectronFuses(context, fuses)
}
