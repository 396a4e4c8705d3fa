/**
 * Scorecard templates in the QA database. A version, once written, never changes: saving an
 * edit writes the next version, and sessions and reviews point at the version they were
 * scored with, so a finished review keeps its meaning after the team edits the template.
 */
import type Database from 'better-sqlite3'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import { DEFAULT_TEMPLATE_ID } from '@shared/qa/default-template'
import {
  AutoFailScopeSchema,
  CriterionSchema,
  SectionSchema,
  TemplateInputSchema,
  TemplateSchema,
  type Criterion,
  type Template,
  type TemplateInput
} from '@shared/qa/schemas'
import { parseInput } from './validation'

interface TemplateRow {
  template_id: string
  version: number
  name: string
  criteria_json: string
  sections_json: string | null
  auto_fail: string | null
  created_at: string
  created_by: string
  archived: number
}

const SELECT = `SELECT v.template_id, v.version, v.name, v.criteria_json, v.sections_json, v.auto_fail, v.created_at, v.created_by, t.archived
  FROM template_versions v JOIN templates t ON t.id = v.template_id`

/** The latest version of each template: the shipped default first, then by name. */
export function listTemplates(db: Database.Database, includeArchived: boolean): Template[] {
  const rows = db
    .prepare(
      `${SELECT} WHERE v.version = (SELECT MAX(version) FROM template_versions WHERE template_id = v.template_id)
       ${includeArchived ? '' : 'AND t.archived = 0'}
       ORDER BY (v.template_id = ?) DESC, v.name COLLATE NOCASE, v.template_id`
    )
    .all(DEFAULT_TEMPLATE_ID) as TemplateRow[]
  return rows.map(toTemplate)
}

/** One version of a template (the latest when `version` is omitted). */
export function getTemplate(db: Database.Database, templateId: string, version?: number): Template {
  const row = (
    version === undefined
      ? db.prepare(`${SELECT} WHERE v.template_id = ? ORDER BY v.version DESC LIMIT 1`).get(templateId)
      : db.prepare(`${SELECT} WHERE v.template_id = ? AND v.version = ?`).get(templateId, version)
  ) as TemplateRow | undefined
  if (!row) {
    const which = version === undefined ? `"${templateId}"` : `"${templateId}" version ${version}`
    throw new AppError('not_found', `The scorecard template ${which} does not exist. Pick another template.`)
  }
  return toTemplate(row)
}

/**
 * Create a template (no id) or save its next version. Content equal to the latest version
 * writes nothing and returns that version, so pressing Save twice does not litter versions.
 */
export function saveTemplate(db: Database.Database, input: TemplateInput, author: string, now: string, newId: () => string): Template {
  const parsed = parseInput(TemplateInputSchema, input, 'The template was not saved')
  const criteria = withIds(parsed.criteria)
  const sections = parsed.sections?.length ? parsed.sections.map((section) => SectionSchema.parse(section)) : undefined
  // Without a critical criterion the scope means nothing: leave it out so "unchanged" compares equal.
  const autoFail = criteria.some((c) => c.critical) ? (parsed.autoFail ?? 'call') : undefined
  return db
    .transaction(() => {
      let templateId = parsed.id
      let version = 1
      if (templateId === undefined) {
        templateId = newId()
        db.prepare('INSERT INTO templates (id, archived, created_at) VALUES (?, 0, ?)').run(templateId, now)
      } else {
        const latest = getTemplate(db, templateId)
        const same =
          latest.name === parsed.name &&
          JSON.stringify(latest.criteria) === JSON.stringify(criteria) &&
          JSON.stringify(latest.sections ?? null) === JSON.stringify(sections ?? null) &&
          latest.autoFail === autoFail
        if (same) return latest
        version = latest.version + 1
      }
      db.prepare(
        `INSERT INTO template_versions (template_id, version, name, criteria_json, sections_json, auto_fail, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      ).run(templateId, version, parsed.name, JSON.stringify(criteria), sections ? JSON.stringify(sections) : null, autoFail ?? null, now, author)
      return getTemplate(db, templateId, version)
    })
    .immediate()
}

/**
 * Hide a template from the picker, or show it again. The shipped default stays: it is what a
 * session falls back to, and a team that dislikes it edits it into a new version instead.
 */
export function archiveTemplate(db: Database.Database, templateId: string, archived: boolean): Template {
  const template = getTemplate(db, templateId)
  if (archived && templateId === DEFAULT_TEMPLATE_ID) {
    throw new AppError('validation', 'The built-in scorecard template cannot be archived; edit it to change its criteria.')
  }
  db.prepare('UPDATE templates SET archived = ? WHERE id = ?').run(archived ? 1 : 0, templateId)
  return { ...template, archived }
}

/** Give new criteria an id made from their label, unique within the template. */
function withIds(criteria: z.output<typeof TemplateInputSchema>['criteria']): Criterion[] {
  const taken = new Set(criteria.flatMap((c) => (c.id === undefined ? [] : [c.id])))
  return criteria.map((c) => {
    let id = c.id
    if (id === undefined) {
      const base = slug(c.label)
      id = base
      for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`
      taken.add(id)
    }
    // Parsed for the schema's key order, so "unchanged" is a plain comparison of JSON.
    return CriterionSchema.parse({
      ...c,
      id,
      description: c.description || undefined,
      // Only true is stored, so a version saved without these flags reads exactly as before.
      required: c.required === true ? true : undefined,
      critical: c.critical === true ? true : undefined
    })
  })
}

function slug(label: string): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
  return base || 'criterion'
}

function toTemplate(row: TemplateRow): Template {
  return {
    id: row.template_id,
    version: row.version,
    name: row.name,
    criteria: z.array(CriterionSchema).parse(JSON.parse(row.criteria_json)),
    ...(row.sections_json ? { sections: z.array(SectionSchema).parse(JSON.parse(row.sections_json)) } : {}),
    ...(row.auto_fail ? { autoFail: AutoFailScopeSchema.parse(row.auto_fail) } : {}),
    createdAt: row.created_at,
    createdBy: row.created_by,
    archived: row.archived === 1
  }
}

/**
 * Brings a template version made elsewhere (one a team lead published) into this database under
 * its own id and version, so sessions can be scored with it here. A version already present is
 * left as it is: a published version never changes. Returns whether it was new.
 */
export function importTemplateVersion(db: Database.Database, template: Template, now: string): boolean {
  const parsed = TemplateSchema.parse(template)
  return db
    .transaction(() => {
      db.prepare('INSERT INTO templates (id, archived, created_at) VALUES (?, 0, ?) ON CONFLICT (id) DO NOTHING').run(parsed.id, now)
      const result = db
        .prepare(
          `INSERT INTO template_versions (template_id, version, name, criteria_json, sections_json, auto_fail, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (template_id, version) DO NOTHING`
        )
        .run(
          parsed.id,
          parsed.version,
          parsed.name,
          JSON.stringify(parsed.criteria),
          parsed.sections?.length ? JSON.stringify(parsed.sections) : null,
          parsed.autoFail ?? null,
          parsed.createdAt,
          parsed.createdBy
        )
      return result.changes > 0
    })
    .immediate()
}
