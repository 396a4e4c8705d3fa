/**
 * Guardrail for how modules name each other (docs/architecture.md, "Where code lives"): across
 * areas or up two folders, through a path alias (@shared, @main, @renderer, @test), never a
 * climbing path such as ../../../shared; and nothing in src reaches into the tests.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const SPECIFIER = /(?:\bfrom|\bimport|\bimport\(|\bvi\.(?:mock|doMock|importActual)(?:<[^>(]*>)?\()\s*['"]([^'"\n]+)['"]/g

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
}

/** Every import specifier in these files that breaks the rule, as "file: specifier". */
function offenders(files: string[], bad: (specifier: string) => boolean): string[] {
  return files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(SPECIFIER)]
      .map((m) => m[1] as string)
      .filter(bad)
      .map((s) => `${file}: ${s}`)
  )
}

/** The repository's own build files (build/, electron-builder.config.ts) sit outside every alias. */
const repoRootFile = (specifier: string): boolean => /^(\.\.\/)+(build\/|electron-builder\.config)/.test(specifier)

describe('import paths', () => {
  it('src imports other areas and far folders through an alias, never a path climbing two folders', () => {
    expect(offenders(sourceFiles('src'), (s) => s.startsWith('../../'))).toEqual([])
  })

  it('src never imports the tests', () => {
    expect(offenders(sourceFiles('src'), (s) => s.startsWith('@test/') || /(^|\/)test\//.test(s))).toEqual([])
  })

  it('tests import src and far fixtures through an alias', () => {
    // These two hold sample code in strings, not imports of their own.
    const samples = new Set(['test/unit/import-paths.test.ts', 'test/unit/lint-boundaries.test.ts'])
    const files = [...sourceFiles('test/unit'), ...sourceFiles('test/integration'), ...sourceFiles('test/fixtures')].filter((f) => !samples.has(f))
    expect(offenders(files, (s) => s.startsWith('../../') && !repoRootFile(s))).toEqual([])
  })

  it('finds a climbing import when there is one (the check itself can fail)', () => {
    const SAMPLE = "import { x } from '../../../shared/errors'"
    expect([...SAMPLE.matchAll(SPECIFIER)].map((m) => m[1])).toEqual(['../../../shared/errors'])
  })
})
