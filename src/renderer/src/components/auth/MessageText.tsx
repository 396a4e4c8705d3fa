/**
 * A message from main as the user reads it: `backticked` spans (commands to run, such as
 * `sudo apt install gnome-keyring`) are set as code so they can be read and copied exactly.
 */
export function MessageText({ text }: { text: string }): React.JSX.Element {
  const parts = text.split(/`([^`]+)`/)
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
}
