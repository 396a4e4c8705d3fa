import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'

// The lint config's own test: the import-boundary rules must reject what they exist to reject,
// however the module is reached (static import, re-export, subpath, import(), require()).
// The files linted here are not on disk, so the type-aware rules (which need the file in a
// TypeScript project) are switched off; the boundary rules need no types.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [{ files: ['**/*.{ts,tsx,mts,cts}'], ...tseslint.configs.disableTypeChecked }] })
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax'])

async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message)
}

describe('import boundaries (eslint.config.mjs)', () => {
  describe('a main-process service', () => {
    it.each([
      ["import { app } from 'electron'\nexport const x = app\n", 'src/main/services/x.ts'],
      ["import { app } from 'electron/main'\nexport const x = app\n", 'src/main/services/x.ts'],
      ["export { app } from 'electron'\n", 'src/main/services/x.ts'],
      ["export const x = import('electron')\n", 'src/main/services/x.ts'],
      ["export const x = import('electron/main')\n", 'src/main/services/x.ts'],
      ["export const x = require('electron')\n", 'src/main/services/x.ts'],
      ["import electron = require('electron')\nexport const x = electron\n", 'src/main/services/x.ts'],
      ["import { app } from 'electron'\nexport const x = app\n", 'src/main/services/x.tsx'],
      ["import { app } from 'electron'\nexport const x = app\n", 'src/main/services/x.mts'],
      ["export const x = import('electron')\n", 'src/main/services/x.mts']
    ])('rejects %j in %s', async (code, file) => {
      const errors = await boundaryErrors(code, file)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(/composition layer/)
    })

    it('may use Node built-ins', async () => {
      expect(await boundaryErrors("import { readFile } from 'node:fs/promises'\nexport const r = readFile\n", 'src/main/services/x.ts')).toEqual([])
    })
  })

  it.each(['src/main/index.ts', 'src/main/security.ts', 'src/main/ipc-main.ts'])("allows 'electron' in the composition layer (%s)", async (file) => {
    expect(await boundaryErrors("import { app } from 'electron'\nexport const x = app\n", file)).toEqual([])
    expect(await boundaryErrors("import { app } from 'electron/main'\nexport const x = app\n", file)).toEqual([])
  })

  describe('src/shared and src/renderer', () => {
    it.each([
      ["import { ipcRenderer } from 'electron'\nexport const r = ipcRenderer\n", 'src/shared/x.ts'],
      ["import { ipcRenderer } from 'electron/renderer'\nexport const r = ipcRenderer\n", 'src/shared/x.ts'],
      ["import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n", 'src/shared/x.ts'],
      ["import { readFile } from 'fs/promises'\nexport const r = readFile\n", 'src/shared/x.ts'],
      ["import { Buffer } from 'buffer'\nexport const r = Buffer\n", 'src/shared/x.ts'],
      ["import test from 'node:test'\nexport const r = test\n", 'src/shared/x.ts'],
      ["export { join } from 'path'\n", 'src/shared/x.mts'],
      ["export const r = import('node:crypto')\n", 'src/shared/x.ts'],
      ["export const r = require('os')\n", 'src/shared/x.ts'],
      ["import fs from 'fs'\nexport const r = fs\n", 'src/renderer/src/x.ts'],
      ["import { ipcRenderer } from 'electron'\nexport const r = ipcRenderer\n", 'src/renderer/src/X.tsx'],
      ["export const r = import('electron/renderer')\n", 'src/renderer/src/X.tsx']
    ])('rejects %j in %s', async (code, file) => {
      const errors = await boundaryErrors(code, file)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(/run anywhere/)
    })

    it('allow ordinary packages and their own modules', async () => {
      expect(await boundaryErrors("import { z } from 'zod'\nexport const r = z\n", 'src/shared/x.ts')).toEqual([])
      expect(
        await boundaryErrors(
          "import { useState } from 'react'\nimport { contract } from '../../shared/ipc/contract'\nexport const r = [useState, contract]\n",
          'src/renderer/src/X.tsx'
        )
      ).toEqual([])
    })
  })
})
