/** The inputs and notifications of SessionManager, shared with the composition layer and the handlers. */

/** What "Try the demo account" needs: the embedded server's hosts and its published login. */
export interface DemoAccount {
  apiBaseUrl: string
  oauthBaseUrl: string
  login: { email: string; password: string; orgUnitId: number }
}
export type StartDemo = () => Promise<DemoAccount>

export interface SignInInput {
  profileName: string
  email: string
  password: string
  orgUnitId: number
  apiBaseUrl?: string | undefined
  oauthBaseUrl?: string | undefined
  /** The signed-out profile being signed in again: it is updated (its addresses too), not duplicated. */
  profileId?: string | undefined
  sessionOnly: boolean
}

export interface TokenSignInInput {
  profileName: string
  accessToken: string
  apiBaseUrl?: string | undefined
  sessionOnly: boolean
}

/** Per-profile services (library, QA stores) follow these to open and close their files. */
export type SessionChange =
  | { type: 'signed-in' | 'signed-out' | 'switched'; profileId: string }
  /** About to delete a profile's cached data: close anything holding files in its folder. */
  | { type: 'removing-data'; profileId: string }
