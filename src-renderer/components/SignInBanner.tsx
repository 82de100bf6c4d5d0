/** Shown on every page once the web server answered 401: the page was opened without this launch's token. */
import { useTokenRefused } from '../api/sign-in-state.ts'

export function SignInBanner() {
  if (!useTokenRefused()) return null
  return (
    <section className="banner" aria-live="polite" data-testid="sign-in-banner" data-problem="unreachable">
      <h2 className="banner-title">This page is not signed in to the Medallion server</h2>
      <p>
        Open the URL that <code>medallion serve</code> printed when it started (it ends with{' '}
        <code>?token=…</code>; each launch prints a new one, unless <code>MEDALLION_TOKEN</code> or{' '}
        <code>--token-file</code> fixes it).
      </p>
    </section>
  )
}
