import { MessageText } from './MessageText'

/**
 * What main needs the signed-in user to know now — e.g. the keychain refused a renewed sign-in,
 * so it is kept for this session only: they stay signed in until they
 * quit, and learn what to fix before then.
 */
export function SessionNotice({ text }: { text: string }): React.JSX.Element {
  return (
    <div className="shell__banner notice notice--warning" role="alert">
      <p className="notice__title">Sign-in kept for this session only</p>
      <p className="notice__body">
        <MessageText text={text} />
      </p>
    </div>
  )
}
