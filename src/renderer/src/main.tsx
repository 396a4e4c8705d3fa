import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { usePrefsStore } from './stores/prefs-store'
import './styles/tokens.css'
import './styles.css'

// The saved filters build the list's first query: ask for them now, beside the sign-in state
// App asks for, instead of after it (docs/decisions/cold-start.md).
usePrefsStore.getState().prefetch()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
