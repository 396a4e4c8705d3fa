/**
 * Where the app's resources (the demo recordings and call fixtures under demo/) are: in a
 * package, electron-builder copies resources/demo to <resources>/demo (extraResources in
 * electron-builder.config.ts) and Electron gives that folder as process.resourcesPath; in
 * development, the repository's resources/ beside out/main.
 */
import { join } from 'node:path'

export interface ResourcesLocation {
  /** Electron's app.isPackaged. */
  isPackaged: boolean
  /** Electron's process.resourcesPath (the package's resources folder). */
  resourcesPath: string
  /** The folder of main's bundle (out/main, or inside app.asar). */
  mainDir: string
}

export function resolveResourcesDir({ isPackaged, resourcesPath, mainDir }: ResourcesLocation): string {
  return isPackaged ? resourcesPath : join(mainDir, '..', '..', 'resources')
}
