// Electron security scan: @doyensec/electronegativity over the sources; any finding fails.
// A check is suppressed only in place, with `eng-disable CHECK -- why` beside the code.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
const report = join(dir, 'report.csv')
try {
  // -e: the version is given, so the tool need not look it up online (it cannot here).
  execFileSync('npx', ['electronegativity', '-i', 'src', '-r', '-e', electronVersion, '-o', report], {
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean)
  if (rows.length > 0) {
    console.error(`electronegativity: ${rows.length} finding(s):`)
    for (const row of rows) console.error(`  ${row}`)
    process.exit(1)
  }
  console.log(`electronegativity: 0 findings (Electron ${electronVersion}, src/)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
