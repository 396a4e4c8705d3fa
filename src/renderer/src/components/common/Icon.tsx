/**
 * The call screen's icons: inline SVG paths on a 20×20 grid, drawn in currentColor, so the
 * strict CSP (no remote images, no inline styles) allows them and they follow the theme.
 * Always decorative: the control that holds one carries the accessible name.
 */
const PATHS = {
  play: 'M6.5 4.2v11.6c0 .6.7 1 1.2.6l8.7-5.8a.7.7 0 0 0 0-1.2L7.7 3.6c-.5-.3-1.2 0-1.2.6Z',
  pause: 'M6 4h2.6v12H6zM11.4 4H14v12h-2.6z',
  back: 'M10 5.5V2.8L5.8 6 10 9.2V6.9a4.6 4.6 0 1 1-4.6 4.6H4a6 6 0 1 0 6-6Z',
  forward: 'M10 5.5V2.8L14.2 6 10 9.2V6.9a4.6 4.6 0 1 0 4.6 4.6H16a6 6 0 1 1-6-6Z',
  volume: 'M3 8v4h3l4 3.5v-11L6 8H3Zm10.2-1.6-1 1a3.5 3.5 0 0 1 0 5.2l1 1a5 5 0 0 0 0-7.2Z',
  muted: 'M3 8v4h3l4 3.5v-11L6 8H3Zm9.3-.5 1-1 1.7 1.7 1.7-1.7 1 1L16 9.2l1.7 1.7-1 1-1.7-1.7-1.7 1.7-1-1 1.7-1.7-1.7-1.7Z',
  search: 'M8.5 3a5.5 5.5 0 1 0 3.3 9.9l3.9 3.9 1.1-1.1-3.9-3.9A5.5 5.5 0 0 0 8.5 3Zm0 1.5a4 4 0 1 1 0 8 4 4 0 0 1 0-8Z',
  chevronDown: 'M5.3 7.3 10 12l4.7-4.7 1 1L10 14 4.3 8.3l1-1Z',
  chevronUp: 'M5.3 12.7 10 8l4.7 4.7 1-1L10 6l-5.7 5.7 1 1Z',
  check: 'M8 13.2 4.6 9.8l-1 1L8 15.2l8.4-8.4-1-1L8 13.2Z',
  copy: 'M7 3h8a1 1 0 0 1 1 1v10h-1.5V4.5H7V3Zm-2 3h7a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1Zm.5 1.5v8h6v-8h-6Z',
  refresh: 'M15.5 4.5v3.8h-3.8l1.4-1.4A4.8 4.8 0 1 0 14.8 11h1.5a6.3 6.3 0 1 1-2.1-5.2l1.3-1.3Z',
  offline:
    'M3.2 2.1 2.1 3.2l2.6 2.6A5 5 0 0 0 5.5 15.5h8.8l2.5 2.5 1.1-1.1L3.2 2.1Zm3 5.1 6.8 6.8H5.5a3.5 3.5 0 0 1 .7-6.8ZM10 4a5.5 5.5 0 0 0-2.2.5l1.1 1.1A4 4 0 0 1 14 9.5v.6h1a2.5 2.5 0 0 1 1.1 4.7l1.1 1.1A4 4 0 0 0 15.4 8.6 5.5 5.5 0 0 0 10 4Z',
  recording:
    'M10 2.5a2.5 2.5 0 0 0-2.5 2.5v5a2.5 2.5 0 0 0 5 0V5A2.5 2.5 0 0 0 10 2.5ZM5 9.5h1.5a3.5 3.5 0 0 0 7 0H15a5 5 0 0 1-4.2 4.9v2.1h-1.6v-2.1A5 5 0 0 1 5 9.5Z',
  transcript: 'M4 4h12v1.5H4zm0 3.5h12V9H4zM4 11h8v1.5H4zm0 3.5h10V16H4z',
  reviewed: 'M10 2.5a7.5 7.5 0 1 0 0 15 7.5 7.5 0 0 0 0-15Zm-1.2 10.6L5.6 9.9l1.1-1.1 2.1 2.1 4.5-4.5 1.1 1.1-5.6 5.6Z',
  keyboard:
    'M2.5 5h15a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1ZM3 6.5v7h14v-7H3Zm1.5 1h1.5V9H4.5zm3 0H9V9H7.5zm3 0H12V9h-1.5zm3 0h2V9h-2zM4.5 10.5h1.5V12H4.5zm3 0h5V12h-5zm6 0h2V12h-2z',
  filter: 'M3 4.5h14L11.5 11v5l-3-1.5V11L3 4.5Z',
  close: 'M5.2 4.1 10 8.9l4.8-4.8 1.1 1.1-4.8 4.8 4.8 4.8-1.1 1.1-4.8-4.8-4.8 4.8-1.1-1.1L8.9 10 4.1 5.2l1.1-1.1Z',
  phone:
    'M6.2 2.8 8 6.3 6.8 7.7a9.6 9.6 0 0 0 5.5 5.5l1.4-1.2 3.5 1.8-.6 2.8a1.5 1.5 0 0 1-1.6 1.1A14 14 0 0 1 2.3 4.9a1.5 1.5 0 0 1 1.1-1.6l2.8-.5Z',
  alert: 'M10 2.5 1.8 16.5h16.4L10 2.5Zm-.8 5h1.6v4.6H9.2V7.5Zm0 5.8h1.6v1.6H9.2v-1.6Z',
  inbox: 'M4 4h12l2 7v5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1v-5l2-7Zm1.1 1.5-1.6 5.5H7a3 3 0 0 0 6 0h3.5l-1.6-5.5H5.1Z'
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }): React.JSX.Element {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 20 20" width={size} height={size} aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  )
}
