import { useEffect } from 'react'
import { useAppStore } from './stores/app-store'

export function App(): React.JSX.Element {
  const { info, error, load } = useAppStore()
  useEffect(() => {
    void load()
  }, [load])
  return (
    <div className="app">
      <header className="app-header" role="banner">
        <h1>Call Review</h1>
        {info && (
          <span className="app-version" aria-label="Version">
            {info.version}
          </span>
        )}
      </header>
      <main>{error && <p role="alert">{error.message}</p>}</main>
    </div>
  )
}
