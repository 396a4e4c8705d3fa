import '@renderer/styles/common.css'

/** Key caps for a shortcut: ['Shift', '←'] → ⟨Shift⟩ ⟨←⟩. */
export function Kbd({ keys }: { keys: string[] }): React.JSX.Element {
  return (
    <span className="kbd-combo">
      {keys.map((key) => (
        <kbd key={key} className="kbd">
          {key}
        </kbd>
      ))}
    </span>
  )
}
