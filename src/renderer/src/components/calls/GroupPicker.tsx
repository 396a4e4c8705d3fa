import type { GroupNode } from '../../../../shared/convirza/schemas'

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

/**
 * The org-unit picker: the groups tree (docs/convirza-api.md "Groups (org units)") as a native select with the
 * hierarchy shown by indentation; native, so it is keyboard- and screen-reader-friendly as is.
 */
export function GroupPicker({ groups, failed, value, onChange }: GroupPickerProps): React.JSX.Element {
  const options = groups ? flattenGroups(groups) : []
  const known = value === null || options.some((o) => o.id === value)
  return (
    <select
      className="field__input filter-input filter-select"
      aria-label="Group"
      value={value === null ? '' : String(value)}
      onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}
      title={failed ? 'The groups could not be loaded; the filter still applies to the group chosen before.' : undefined}
    >
      <option value="">{groups === null && !failed ? 'Loading groups…' : 'All groups'}</option>
      {!known && value !== null && <option value={String(value)}>Group {value}</option>}
      {options.map((option) => (
        <option key={option.id} value={String(option.id)}>
          {'\u2003'.repeat(option.depth)}
          {option.label}
        </option>
      ))}
    </select>
  )
}
