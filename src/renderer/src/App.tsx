import { useEffect } from 'react'
import { MainView } from './components/shell/MainView'
import { LazySignInScreen } from './components/auth/LazySignInScreen'
import { StartupScreen } from './components/shell/StartupScreen'
import { useAppStore } from './stores/app-store'
import { useAuthStore } from './stores/auth-store'
import { useLibraryStore } from './stores/library-store'
import './styles/shell.css'
import './styles/controls.css'
import './styles/notices.css'
import './styles/menus.css'
import './styles/modals.css'
import './styles/auth.css'
import './styles/settings.css'

/**
 * The app shell's routing: a splash until the sign-in state is known, the sign-in screen while
 * signed out, and the main view (top bar over the call screen) while signed in. Main decides who
 * is signed in; main.tsx reads the state and the app's facts before the first render and follows
 * 'auth:changed', so a refused token lands back on sign-in.
 */
export function App(): React.JSX.Element {
  const version = useAppStore((s) => s.info?.version)
  const { state, error, failedAction, refresh } = useAuthStore()

  // The offline job runs in main whatever screen is showing; follow it app-wide.
  useEffect(() => useLibraryStore.getState().watch(), [])

  if (!state) return <StartupScreen error={failedAction === null ? error : null} version={version} onRetry={() => void refresh()} />
  if (state.signedIn && state.activeProfile) return <MainView auth={{ ...state, activeProfile: state.activeProfile }} />
  return <LazySignInScreen />
}
