/**
 * Small JSON documents in the app data folder (preferences, profiles, window state), written
 * atomically — temp file, then rename — so a crash never leaves half a file. Never for secrets.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { z } from 'zod'

export function readJsonFile<S extends z.ZodType>(path: string, schema: S, fallback: z.output<S>): z.output<S> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return fallback
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(value, null, 2))
  renameSync(temp, path)
}
