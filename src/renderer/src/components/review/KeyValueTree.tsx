import { humaniseKey } from '@renderer/lib/format'

const MAX_DEPTH = 8

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function Scalar({ value }: { value: unknown }): React.JSX.Element {
  if (value === null || value === undefined || value === '') return <span className="kv__none">—</span>
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return <>{String(value)}</>
  return <>{JSON.stringify(value)}</>
}

/**
 * Any JSON as readable, nested key/values: the call flow's shape is not documented
 * (docs/convirza-api.md), and voice-agent `additional_info` is free-form, so neither can have a
 * hand-made layout. Keys are made readable ("ring_to_name" → "Ring to name").
 */
export function KeyValueTree({ value, depth = 0 }: { value: unknown; depth?: number }): React.JSX.Element {
  if (depth >= MAX_DEPTH) return <code className="kv__raw">{JSON.stringify(value)}</code>
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="kv__none">None</span>
    if (value.every((v) => !isPlainObject(v) && !Array.isArray(v)))
      return <span>{value.map((v) => (v === null ? '—' : typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v))).join(', ')}</span>
    return (
      <ol className="kv__list">
        {value.map((item, i) => (
          <li key={i} className="kv__item">
            <KeyValueTree value={item} depth={depth + 1} />
          </li>
        ))}
      </ol>
    )
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value)
    if (entries.length === 0) return <span className="kv__none">None</span>
    return (
      <dl className={`kv${depth > 0 ? ' kv--nested' : ''}`}>
        {entries.map(([key, child]) => (
          <div key={key} className="kv__row">
            <dt className="kv__key">{humaniseKey(key)}</dt>
            <dd className="kv__value">
              <KeyValueTree value={child} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    )
  }
  return <Scalar value={value} />
}
