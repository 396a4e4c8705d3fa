/**
 * The org-unit tree for the picker (docs/convirza-api.md "Groups (org units)": GET /v3/groups/tree). Its nesting was
 * not visible in the docs, so the nodes are looked for leniently: `data` itself, or an array
 * under `data.tree`, `data.groups`, `data.children`, `data.nodes` or `data.orgUnits`, or a single root node. A node that does not parse
 * is left out (and logged) rather than failing the picker.
 */
import { GroupNodeSchema, type GroupNode } from '@shared/convirza/schemas'

const CONTAINER_KEYS = ['tree', 'groups', 'children', 'nodes', 'orgUnits'] as const

function nodesIn(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data
  if (data === null || typeof data !== 'object') return null
  // A single root node (its own `children` hold the rest).
  if ('org_unit_id' in data) return [data]
  for (const key of CONTAINER_KEYS) {
    const value = (data as Record<string, unknown>)[key]
    if (Array.isArray(value)) return value
  }
  return null
}

/** The tree's nodes, and how many the parser had to leave out; null when no tree was found at all. */
export function parseGroupsTree(body: unknown): { nodes: GroupNode[]; skipped: number } | null {
  const data = body !== null && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : body
  const raw = nodesIn(data)
  if (!raw) return null
  const nodes: GroupNode[] = []
  let skipped = 0
  for (const item of raw) {
    const parsed = GroupNodeSchema.safeParse(item)
    if (parsed.success) nodes.push(parsed.data)
    else skipped++
  }
  return { nodes, skipped }
}
