import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyAppStyles } from './lib/app-styles'
import { firstListWithin } from './lib/first-list'
import { useAppStore } from './stores/app-store'
import { useAuthStore } from './stores/auth-store'
import { useCallsStore } from './stores/calls-store'
import { useFiltersStore } from './stores/filters-store'
import { usePrefsStore } from './stores/prefs-store'
import './styles/tokens.css'
import './styles.css'

/**
 * The longest the splash waits for the library's first rows before the call screen renders with
 * placeholders; the library answers in tens of milliseconds (docs/decisions/cold-start.md).
 */
const FIRST_ROWS_WAIT_MS = 250

// What the first screen needs, asked for at once instead of one after another
// (docs/decisions/cold-start.md): the sign-in state says which screen that is, so React's first
// render is that screen rather than a splash that then asks; the saved filters build the list's
// first query; the app's facts give the splash and sign-in screen their version.
// Main may sign the user out on its own (a refused token): follow 'auth:changed' from the start.
useAuthStore.getState().watch()
const signInKnown = useAuthStore.getState().refresh()
usePrefsStore.getState().prefetch()
void useAppStore.getState().load()

// Signed in: the list's first query leaves as soon as the saved filters are read, before React's
// first render, instead of from the call screen's effect after it; the screen then finds the
// filters read and that query shown. The first render waits (a little) for the library's answer,
// so that it draws the call screen with its rows: rendered before, the screen's first frame and
// the rows' render came one after the other, and the answer waited behind the first.
const firstListShown = signInKnown
  .then(async () => {
    const state = useAuthStore.getState().state
    if (!state?.signedIn || !state.activeProfile) return
    await useFiltersStore.getState().load()
    const applied = useFiltersStore.getState().applied
    if (!applied) return
    useCallsStore.getState().show(applied)
    await firstListWithin(FIRST_ROWS_WAIT_MS)
  })
  .catch((error: unknown) => console.warn('Starting the call list early failed; the call screen starts it', error))

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// Until the app's styles apply and the sign-in state is known (or failed: the splash says so and
// offers to try again), and signed in until the library's first rows (or FIRST_ROWS_WAIT_MS),
// the splash index.html carries stays on screen (lib/app-styles.ts).
void Promise.all([applyAppStyles(), firstListShown]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
)
