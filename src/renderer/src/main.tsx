import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyAppStyles } from './lib/app-styles'
import { usePrefsStore } from './stores/prefs-store'
import './styles/tokens.css'
import './styles.css'

// The saved filters build the list's first query: ask for them now, beside the sign-in state
// App asks for, instead of after it (docs/decisions/cold-start.md).
usePrefsStore.getState().prefetch()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
// Until the app's styles apply, the splash index.html carries stays on screen (lib/app-styles.ts).
void applyAppStyles().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
)
