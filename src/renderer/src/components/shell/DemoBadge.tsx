/** Marks demo data wherever it is shown (issue 4: "labelled as demo data wherever it is shown"). */
export function DemoBadge(): React.JSX.Element {
  return (
    <span className="demo-badge" title="Sample data from the built-in demo server, not a real Convirza account">
      Demo
    </span>
  )
}
