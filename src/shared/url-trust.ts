/**
 * Which URLs the app will act on. Addresses come from servers (a call's signed recording URL)
 * and from the sign-in form (a profile's API and OAuth hosts); neither is trusted as given.
 * Over the network only `https:` is accepted; plain `http:` only for this computer (loopback),
 * which is where the demo server and the test servers run. Never `file:`, never a custom scheme
 * (the app's own `recording:` included) — those would read the disk or loop back into the app.
 */

/** True for localhost, 127.0.0.0/8 and ::1 — addresses that never leave this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/** https: anywhere, http: only on loopback; no user name or password in the address. */
export function isTrustedServerUrl(raw: string): boolean {
  const url = parse(raw)
  if (!url || url.username || url.password) return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && isLoopbackHost(url.hostname)
}

export const SERVER_URL_RULE = 'Use an https:// address (http:// only for this computer, such as http://127.0.0.1).'

/**
 * The hosts the app links to. A link to any other host is refused, whatever the page asks: a
 * compromised renderer must not be able to open arbitrary addresses in the user's browser.
 * A listed domain also allows its subdomains (support.convirza.com under convirza.com).
 */
export const EXTERNAL_LINK_DOMAINS: readonly string[] = ['convirza.com', 'gitlab.gnome.org', 'wiki.gnome.org', 'github.com', 'electronjs.org']

/**
 * The normalised form of a link the app may open in the user's browser, or null: https only,
 * default port, no user name or password, and a host in EXTERNAL_LINK_DOMAINS.
 */
export function externalLinkUrl(raw: string): string | null {
  const url = parse(raw)
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return null
  const host = url.hostname.toLowerCase()
  if (!EXTERNAL_LINK_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))) return null
  return url.href
}
