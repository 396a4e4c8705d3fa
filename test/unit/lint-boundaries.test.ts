import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The lint config's own test: the import-boundary rules must reject what they exist to reject.
const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('import boundaries (eslint.config.mjs)', () => {
  it("rejects an 'electron' import in a main-process service", async () => {
    const errors = await restrictedImportErrors("import { app } from 'electron'\nexport const x = app\n", 'src/main/services/example.ts')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/composition layer/)
  })

  it("allows 'electron' in the composition layer", async () => {
    const errors = await restrictedImportErrors("import { app } from 'electron'\nexport const x = app\n", 'src/main/index.ts')
    expect(errors).toEqual([])
  })

  it("rejects 'electron' and node:* in src/shared", async () => {
    expect(await restrictedImportErrors("import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n", 'src/shared/x.ts')).toHaveLength(1)
    expect(await restrictedImportErrors("import { ipcRenderer } from 'electron'\nexport const r = ipcRenderer\n", 'src/shared/x.ts')).toHaveLength(1)
  })

  it('rejects Node built-ins in the renderer', async () => {
    expect(await restrictedImportErrors("import fs from 'fs'\nexport const r = fs\n", 'src/renderer/src/x.ts')).toHaveLength(1)
  })
})
