/**
 * Child process of offline-sync-crash.test.ts: runs a "make available offline" job and prints
 * one JSON progress line per event, until the parent kills it with SIGKILL.
 */
import { ConvirzaAuth } from '../../src/main/services/convirza/auth'
import { ConvirzaClient } from '../../src/main/services/convirza/client'
import { CallLibrary } from '../../src/main/services/library/call-library'
import { createLogger } from '../../src/main/services/log'
import { RecordingFiles } from '../../src/main/services/offline/recording-files'
import { SyncService } from '../../src/main/services/offline/sync-service'

async function main(): Promise<void> {
  const [dir, apiBaseUrl, oauthBaseUrl, email, password, orgUnitId, queryJson] = process.argv.slice(2)
  const log = createLogger()
  const auth = new ConvirzaAuth({ oauthBaseUrl: oauthBaseUrl!, fetch, log, persist: async () => {} })
  await auth.login({ email: email!, password: password!, orgUnitId: Number(orgUnitId) })
  const client = new ConvirzaClient({ apiBaseUrl: apiBaseUrl!, fetch, auth, log })
  const library = new CallLibrary(dir!, { log })
  const files = new RecordingFiles(dir!, library)
  const sync = new SyncService({
    library,
    files,
    source: () => client,
    emit: (p) => process.stdout.write(JSON.stringify(p) + '\n'),
    log,
    downloads: 1
  })
  await sync.start(JSON.parse(queryJson!))
  await sync.idle()
}

void main()
