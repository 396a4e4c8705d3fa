import { useEffect, useId, useRef, useState } from 'react'
import type { GroupNode } from '@shared/convirza/schemas'
import { Icon } from '../common/Icon'

interface GroupPickerProps {
  groups: GroupNode[] | null
  failed: boolean
  value: number | null
  onChange: (orgUnitId: number | null) => void
}

/** Flatten the tree in order, each group with its depth, for an indented list. */
export function flattenGroups(
  nodes: GroupNode[],
  depth = 0,
  out: { id: number; label: string; depth: number }[] = []
): { id: number; label: string; depth: number }[] {
  for (const node of nodes) {
    out.push({ id: node.org_unit_id, label: node.text, depth })
    if (node.children?.length) flattenGroups(node.children, depth + 1, out)
  }
  return out
}

/** The groups whose name contains `query` (any case), each with the groups above it so it keeps its place in the tree. */
export function filterGroups(nodes: readonly GroupNode[], query: string): GroupNode[] {
  const q = query.trim().toLowerCase()
  if (!q) return [...nodes]
  const kept: GroupNode[] = []
  for (const node of nodes) {
    if (node.text.toLowerCase().includes(q)) kept.push(node)
    else {
      const children = filterGroups(node.children ?? [], q)
      if (children.length) kept.push({ ...node, children })
    }
  }
  return kept
}

function TreeItems({
  nodes,
  level,
  value,
  query,
  onPick
}: {
  nodes: readonly GroupNode[]
  level: number
  value: number | null
  /** What the find box holds, trimmed and in lower case: the groups whose name contains it are marked as matches. */
  query: string
  onPick: (id: number) => void
}): React.JSX.Element {
  return (
    <>
      {nodes.map((node) => {
        const children = node.children ?? []
        const match = query !== '' && node.text.toLowerCase().includes(query)
        return (
          <li
            key={node.org_unit_id}
            role="treeitem"
            aria-level={level}
            aria-selected={value === node.org_unit_id}
            aria-expanded={children.length ? true : undefined}
            tabIndex={-1}
            data-group-id={node.org_unit_id}
            data-match={match || undefined}
            className={`group-tree__item${match ? ' group-tree__item--match' : ''}`}
            onClick={(event) => {
              event.stopPropagation()
              onPick(node.org_unit_id)
            }}
          >
            <span className="group-tree__label" style={{ paddingInlineStart: `${(level - 1) * 16 + 8}px` }}>
              {node.text}
            </span>
            {children.length > 0 && (
              <ul role="group" className="group-tree__group">
                <TreeItems nodes={children} level={level + 1} value={value} query={query} onPick={onPick} />
              </ul>
            )}
          </li>
        )
      })}
    </>
  )
}

/**
 * The org-unit picker: the groups tree (docs/convirza-api.md "Groups (org units)") as a tree in a
 * panel, with a box that narrows it to the groups whose name contains what is typed (keeping
 * the groups above them, the matches marked). Arrow keys move through the groups, Enter picks
 * (in the find box: the first match), Escape closes.
 */
export function GroupPicker({ groups, failed, value, onChange }: GroupPickerProps): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const tree = useRef<HTMLUListElement>(null)
  const panelId = useId()
  const options = groups ? flattenGroups(groups) : []
  const chosen = options.find((o) => o.id === value)
  const summary = value === null ? (groups === null && !failed ? 'Loading groups…' : 'All groups') : (chosen?.label ?? `Group ${value}`)

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent): void => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const close = (): void => {
    setOpen(false)
    setQuery('')
    button.current?.focus()
  }
  const pick = (id: number | null): void => {
    onChange(id)
    close()
  }
  const items = (): HTMLElement[] => [...(tree.current?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [])]
  const firstMatch = (): HTMLElement | null => tree.current?.querySelector<HTMLElement>('[role="treeitem"][data-match]') ?? null
  const move = (from: Element | null, step: number): void => {
    const all = items()
    const at = from ? all.indexOf(from as HTMLElement) : -1
    all[Math.max(0, Math.min(all.length - 1, at + step))]?.focus()
  }

  return (
    <div
      className="popover group-picker"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={`button button--secondary filter-button${value !== null ? ' filter-button--active' : ''}`}
        aria-haspopup="tree"
        aria-expanded={open}
        aria-controls={panelId}
        title={failed ? 'The groups could not be loaded; the filter still applies to the group chosen before.' : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span className="filter-button__label">Group</span> <span className="filter-button__value">{summary}</span>
        <Icon name="chevronDown" size={14} />
      </button>
      {open && (
        <div id={panelId} className="popover__panel group-picker__panel" role="dialog" aria-label="Choose a group">
          <input
            className="field__input filter-input"
            aria-label="Find a group"
            placeholder="Find a group"
            value={query}
            autoFocus
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              // With a name typed, ↓ goes to the first group that matches it (not the groups
              // shown above it for context) and Enter picks that group.
              const first = query.trim() ? firstMatch() : null
              if (event.key === 'ArrowDown') {
                event.preventDefault()
                if (first) first.focus()
                else move(null, 0)
              } else if (event.key === 'Enter' && first) {
                event.preventDefault()
                pick(Number(first.getAttribute('data-group-id')))
              }
            }}
          />
          <ul
            ref={tree}
            role="tree"
            aria-label="Groups"
            className={`group-tree${query.trim() ? ' group-tree--finding' : ''}`}
            onKeyDown={(event) => {
              const item = (event.target as HTMLElement).closest('[role="treeitem"]')
              if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault()
                move(item, event.key === 'ArrowDown' ? 1 : -1)
              } else if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault()
                const id = item?.getAttribute('data-group-id')
                pick(id ? Number(id) : null)
              }
            }}
          >
            <li role="treeitem" aria-level={1} aria-selected={value === null} tabIndex={-1} className="group-tree__item" onClick={() => pick(null)}>
              <span className="group-tree__label" style={{ paddingInlineStart: '8px' }}>
                All groups
              </span>
            </li>
            <TreeItems
              nodes={filterGroups(groups ?? [], query)}
              level={1}
              value={value}
              query={query.trim().toLowerCase()}
              onPick={(id) => pick(id)}
            />
          </ul>
          {groups !== null && query.trim() !== '' && filterGroups(groups, query).length === 0 && (
            <p className="group-picker__empty" role="status">
              No group is called “{query.trim()}”.
            </p>
          )}
        </div>
      )}
    </div>
  )
}
