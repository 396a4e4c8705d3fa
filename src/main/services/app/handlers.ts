/** The app:* channels: what the app is, a ping that proves the contract end to end, and opening a link in the browser. */
import { AppError } from '@shared/errors'
import type { appChannels } from '@shared/ipc/contract'
import { externalLinkUrl } from '@shared/url-trust'
import type { DomainHandlers } from '@main/ipc/dispatcher'

export interface AppHandlerDeps {
  version: string
  host: 'electron' | 'harness'
  /** Opens an https link in the user's browser (Electron's shell.openExternal; a recorder in the harness). */
  openExternal: (url: string) => Promise<void>
}

export function createAppHandlers(deps: AppHandlerDeps): DomainHandlers<typeof appChannels> {
  return {
    'app:info': () => ({ name: 'Call Review', version: deps.version, host: deps.host }),
    'app:ping': ({ message }) => ({ echo: message }),
    'app:openExternal': async ({ url }) => {
      const safe = externalLinkUrl(url)
      if (safe === null) throw new AppError('validation', 'Only https:// links to the sites Call Review links to open outside Call Review.')
      // Scan suppression (OPEN_EXTERNAL_JS_CHECK): this is the injected openHttpsExternally, which
      // refuses anything but https: links to allowed hosts, and `safe` is the parsed, normalised URL.
      await deps.openExternal(safe) // eng-disable OPEN_EXTERNAL_JS_CHECK
      return {}
    }
  }
}
