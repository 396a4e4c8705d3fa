// keytar and better-sqlite3 are native: built for Node they run the tests, built for Electron
// they run the app, and one node_modules holds one build. `npm start` asks for Electron's ABI and
// `npm test` for Node's; this rebuilds only when the current build is for the other runtime.
// (Electron's "Using Native Node Modules" guide, manual route: npm rebuild with runtime=electron.)
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const MODULES = ['better-sqlite3', 'keytar']
const MARKER = 'node_modules/.call-review-native-runtime'
const want = process.argv[2]
if (want !== 'node' && want !== 'electron') {
  console.error('usage: node scripts/native-modules.mjs node|electron')
  process.exit(2)
}
const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const current = existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : loadsInNode() ? 'node' : 'unknown'
const target = want === 'electron' ? `electron@${electronVersion}` : 'node'
if (current === target) process.exit(0)

console.log(`native modules: rebuilding ${MODULES.join(', ')} for ${target} (were ${current})`)
const env = { ...process.env }
if (want === 'electron') {
  Object.assign(env, {
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_build_from_source: 'true'
  })
  delete env.npm_config_nodedir
}
execFileSync('npm', ['rebuild', ...MODULES], { stdio: 'inherit', env })
writeFileSync(MARKER, target)

function loadsInNode() {
  const probe = "const D=require('better-sqlite3');new D(':memory:').close();require('keytar')"
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0
}
