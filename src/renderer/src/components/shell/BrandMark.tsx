/** The app's mark: a speech bubble carrying a waveform. Inline SVG, so the strict CSP allows it. */
export function BrandMark({ size = 28 }: { size?: number }): React.JSX.Element {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="26" rx="8" fill="currentColor" />
      <path d="M9 27l-2 4 7-4z" fill="currentColor" />
      <path d="M8 14h2M12 10v8M16 7v14M20 11v6M24 13v2" stroke="var(--bg)" strokeWidth="2.2" strokeLinecap="round" fill="none" />
    </svg>
  )
}
