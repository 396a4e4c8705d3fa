/**
 * Vitest's global setup: every temporary file a test makes goes under one folder of this run,
 * removed when the run ends. Tests make theirs with `mkdtempSync(join(tmpdir(), …))` and most do
 * not remove them (a library file, a crash test's profile, a PostgreSQL cluster after a failed
 * stop); one run used to leave about 125 folders in the system's temporary folder, gigabytes
 * over a few weeks of runs. Node's `os.tmpdir()` reads TMPDIR on every call, and the test
 * workers, started after this, inherit it.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'call-review-vitest-'))
  // PostgreSQL's initdb runs as the postgres user (test/fixtures/team/pg-cluster.ts): it must be
  // able to pass through this folder to its own.
  chmodSync(root, 0o755)
  process.env['TMPDIR'] = root
  return () => rmSync(root, { recursive: true, force: true })
}
