/**
 * A lead's team work (publishing scorecard templates, assigning calls) and what every member
 * sees of it (published templates, assignments with progress). Writes go to the team database on
 * the live connection, where privileges and row-level security decide (a reviewer's attempt is
 * refused there too); reads come from the last pull, so they work offline.
 */
import type pg from 'pg'
import { AppError } from '@shared/errors'
import type { TeamAssignmentGroup, TeamMember, TeamPublishedTemplate, TeamWork } from '@shared/ipc/contract/team'
import type { Template } from '@shared/qa/schemas'
import type { TeamMembership } from './team-connection'
import type { TeamCallFacts } from './team-outbox'
import type { TeamPull } from './team-pull'
import { insertTeamCalls } from './team-outbox'

export function requireLead(member: TeamMembership, what: string): void {
  if (member.role !== 'lead')
    throw new AppError('forbidden', `Only a team lead can ${what}; you are connected as a reviewer (${member.displayName}).`)
}

/** Publishes a local template version under its own id and version; publishing it again changes nothing. */
export async function publishTemplate(client: pg.ClientBase, member: TeamMembership, template: Template): Promise<TeamPublishedTemplate> {
  requireLead(member, 'publish a scorecard to the team')
  await client.query('BEGIN')
  try {
    await client.query('INSERT INTO callreview.templates (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name', [
      template.id,
      template.name.slice(0, 120)
    ])
    const result = await client.query<{ published_at: Date }>(
      `INSERT INTO callreview.template_versions (template_id, version, name, definition, published_at, published_by)
       VALUES ($1, $2, $3, $4, now(), session_user)
       ON CONFLICT (template_id, version) DO UPDATE SET published_at = coalesce(callreview.template_versions.published_at, now())
       RETURNING published_at`,
      [template.id, template.version, template.name, JSON.stringify(template)]
    )
    await client.query('COMMIT')
    return {
      templateId: template.id,
      version: template.version,
      name: template.name,
      publishedAt: result.rows[0]?.published_at.toISOString() ?? null
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

export interface AssignInput {
  reviewer: string
  template: { id: string; version: number }
  calls: readonly TeamCallFacts[]
  dueAt: string | null
}

/** Assigns the calls (their facts recorded first); an existing assignment takes the new version and due date. */
export async function assignCalls(client: pg.ClientBase, member: TeamMembership, input: AssignInput): Promise<number> {
  requireLead(member, 'assign calls')
  if (input.calls.length === 0) throw new AppError('validation', 'No call to assign: choose a session or calls first.')
  await client.query('BEGIN')
  try {
    const known = await client.query('SELECT 1 FROM callreview.members WHERE login = $1', [input.reviewer])
    if (known.rowCount === 0) throw new AppError('validation', `"${input.reviewer}" is not a member of the team; ask the admin to add them first.`)
    await insertTeamCalls(client, input.calls)
    const result = await client.query(
      `INSERT INTO callreview.assignments (account, call_id, reviewer, template_id, template_version, due_at)
       SELECT c.account, c.call_id, $2, $3, $4, $5::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS c(account text, call_id bigint)
       ON CONFLICT (account, call_id, reviewer, template_id) DO UPDATE SET template_version = excluded.template_version, due_at = excluded.due_at`,
      [
        JSON.stringify(input.calls.map((c) => ({ account: c.account, call_id: c.callId }))),
        input.reviewer,
        input.template.id,
        input.template.version,
        input.dueAt
      ]
    )
    await client.query('COMMIT')
    return result.rowCount ?? 0
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

export async function listMembers(client: pg.ClientBase): Promise<TeamMember[]> {
  const result = await client.query<{ login: string; display_name: string; role: 'lead' | 'reviewer' }>(
    'SELECT login, display_name, role FROM callreview.members ORDER BY role, display_name'
  )
  return result.rows.map((r) => ({ login: r.login, displayName: r.display_name, role: r.role }))
}

/** The team's work as this member may see it, from the pulled rows. */
export function teamWorkOf(input: {
  me: TeamMembership | null
  members: readonly TeamMember[]
  templateVersions: TeamPull['templateVersions']
  assignments: TeamPull['assignments']
  reviews: TeamPull['reviews']
}): TeamWork {
  const names = new Map(input.members.map((m) => [m.login, m.displayName]))
  const templateName = new Map(input.templateVersions.map((v) => [`${v.templateId}@${v.version}`, v.name]))
  const done = new Set(
    input.reviews
      .filter((r) => r.reviewed && r.calibrationId === null)
      .map((r) => `${r.reviewer}\u0000${r.account}\u0000${r.callId}\u0000${r.templateId}`)
  )
  const groups = new Map<string, TeamAssignmentGroup>()
  for (const a of input.assignments) {
    const key = `${a.reviewer}\u0000${a.templateId}\u0000${a.templateVersion}\u0000${a.dueAt ?? ''}`
    let group = groups.get(key)
    if (!group) {
      group = {
        reviewer: a.reviewer,
        reviewerName: names.get(a.reviewer) ?? a.reviewer,
        templateId: a.templateId,
        templateVersion: a.templateVersion,
        templateName: templateName.get(`${a.templateId}@${a.templateVersion}`) ?? a.templateId,
        dueAt: a.dueAt,
        callIds: [],
        reviewed: 0
      }
      groups.set(key, group)
    }
    group.callIds.push(a.callId)
    if (done.has(`${a.reviewer}\u0000${a.account}\u0000${a.callId}\u0000${a.templateId}`)) group.reviewed += 1
  }
  for (const group of groups.values()) group.callIds.sort((a, b) => a - b)
  const me = input.me ? { login: input.me.login, displayName: input.me.displayName, role: input.me.role } : null
  return {
    me,
    members: [...input.members],
    templates: input.templateVersions
      .filter((v) => v.publishedAt !== null)
      .map((v) => ({ templateId: v.templateId, version: v.version, name: v.name, publishedAt: v.publishedAt })),
    assignments: [...groups.values()].sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.reviewerName.localeCompare(b.reviewerName))
  }
}
