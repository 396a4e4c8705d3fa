/**
 * Every renderer module that may build or parse a zod schema sets zod to jitless first
 * (src/renderer/src/lib/zod-jitless.ts): zod's probe for eval is a CSP violation in the page.
 * The lint rule (eslint.config.mjs) keeps schema modules out of everything but the modules it
 * names; this keeps each module that does import one (or zod itself) starting with the jitless
 * import, so a schema user added later cannot forget it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const RENDERER = resolve(import.meta.dirname, '../../../../src/renderer/src')
const JITLESS = '@renderer/lib/zod-jitless'

/**
 * The modules that build schemas when evaluated, as the lint rule names them for the renderer
 * (read from eslint.config.mjs, not written again here), and zod itself.
 */
async function schemaModules(): Promise<RegExp> {
  const config = (await new ESLint({ cwd: process.cwd() }).calculateConfigForFile(join(RENDERER, 'any.ts'))) as {
    rules: Record<string, [number, { patterns: { regex: string }[] }]>
  }
  const lint = config.rules['@typescript-eslint/no-restricted-imports']?.[1].patterns[0]?.regex
  if (!lint) throw new Error('eslint.config.mjs no longer names the schema modules for the renderer')
  return new RegExp(`^zod(/.*)?$|${lint}`)
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The module's imports in order: what each names, and whether it brings values (not `import type` alone). */
function imports(path: string): { from: string; values: boolean }[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false)
  return file.statements.filter(ts.isImportDeclaration).map((declaration) => {
    const clause = declaration.importClause
    const bindings = clause?.namedBindings
    const onlyTypes =
      clause !== undefined &&
      (clause.isTypeOnly ||
        (clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly)))
    return { from: (declaration.moduleSpecifier as ts.StringLiteral).text, values: !onlyTypes }
  })
}

describe('zod in the renderer', async () => {
  const buildsSchemas = await schemaModules()
  const users = sources(RENDERER).filter(
    (path) => path !== join(RENDERER, 'lib/zod-jitless.ts') && imports(path).some((i) => i.values && buildsSchemas.test(i.from))
  )

  it('finds the modules that use schemas (so the check below checks something)', () => {
    expect(users.map((path) => relative(RENDERER, path))).toEqual(
      expect.arrayContaining([
        'components/auth/PasswordSignInForm.tsx',
        'components/auth/TokenSignInForm.tsx',
        'components/qa/StartSessionDialog.tsx',
        'components/qa/templates/template-draft.ts'
      ])
    )
  })

  it('is set to jitless by the first import of every module that uses a schema', () => {
    const missing = users.filter((path) => imports(path)[0]?.from !== JITLESS).map((path) => relative(RENDERER, path))
    expect(missing, `each of these must start with import '${JITLESS}'`).toEqual([])
  })
})
