/**
 * The stack page: the engine in use (or what to install), Up / Down / Reset with the running stack task,
 * each service's state, health, ports, image and uptime (live through `stack.changed`), the consoles to
 * open, a service's live log, and where the stack's credentials are.
 */
import { useState } from 'react'
import { useStackStatus } from '../api/stack-hooks.ts'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { CredentialsNote } from '../components/stack/CredentialsNote.tsx'
import { EngineLine, NoEngineBanner } from '../components/stack/EngineNote.tsx'
import { ServiceLogs } from '../components/stack/ServiceLogs.tsx'
import { ServicesTable } from '../components/stack/ServicesTable.tsx'
import { StackActions } from '../components/stack/StackActions.tsx'
import { StackLinks } from '../components/stack/StackLinks.tsx'
import '../components/stack/stack.css'

export function StackPage() {
  const status = useStackStatus()
  const [logsFor, setLogsFor] = useState<string | null>(null)
  const data = status.data
  const running = data?.services.some((s) => s.state === 'running') ?? false
  return (
    <div className="page" data-testid="stack-page">
      <header className="page-head">
        <h1>Stack</h1>
        {data?.engine ? <EngineLine engine={data.engine} /> : null}
      </header>
      {status.isPending ? <p className="muted">Looking for a container engine…</p> : null}
      <ErrorNote error={status.error} />
      {status.error ? (
        <p className="hint">
          The compose file could not be read: fix the file named above (or its .env), then reload this page.
        </p>
      ) : null}
      {data?.engineError ? <NoEngineBanner error={data.engineError} /> : null}
      {data ? (
        <>
          <StackActions status={data} />
          <ServicesTable
            services={data.services}
            measuredAt={status.dataUpdatedAt}
            logsFor={logsFor}
            onLogs={(service) => setLogsFor((open) => (open === service ? null : service))}
          />
          {logsFor ? <ServiceLogs key={logsFor} service={logsFor} onClose={() => setLogsFor(null)} /> : null}
          <StackLinks links={data.links} running={running} />
          <p className="hint">
            Project <code>{data.project}</code> from <code>{data.composeFile}</code>
          </p>
          {data.stackEnv ? <CredentialsNote stackEnv={data.stackEnv} /> : null}
        </>
      ) : null}
    </div>
  )
}
