/** Marks demo data wherever it is shown, so no one mistakes seeded calls for their account's. */
export function DemoBadge(): React.JSX.Element {
  return (
    <span className="demo-badge" title="Sample data from the built-in demo server, not a real Convirza account">
      Demo
    </span>
  )
}
