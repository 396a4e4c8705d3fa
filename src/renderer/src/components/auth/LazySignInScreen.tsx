import { lazy, Suspense, type ComponentProps } from 'react'
import { StartupScreen } from '../shell/StartupScreen'

// Loaded on demand: a signed-in start never shows it, and its forms check their fields with the
// auth contract's schemas (docs/decisions/cold-start.md).
const SignInScreen = lazy(() => import('./SignInScreen').then((m) => ({ default: m.SignInScreen })))

/** The sign-in screen, behind the startup splash while its code loads. */
export function LazySignInScreen(props: ComponentProps<typeof SignInScreen>): React.JSX.Element {
  return (
    <Suspense fallback={<StartupScreen error={null} version={undefined} onRetry={() => {}} />}>
      <SignInScreen {...props} />
    </Suspense>
  )
}
