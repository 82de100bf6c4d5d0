/**
 * The container engine in use, or — when none answers — what to install, with the reassurance that the
 * embedded mode (local lake, Parquet serving) keeps working without one.
 */
import type { StackStatus } from '../../../src-preload/contract.ts'

export function EngineLine({ engine }: { engine: NonNullable<StackStatus['engine']> }) {
  return (
    <p className="store-status" data-testid="stack-engine" data-engine={engine.kind}>
      <span className="status-dot status-dot-ok" aria-hidden="true" />
      <span>
        Engine: <strong>{engine.kind === 'podman' ? 'Podman' : 'Docker'}</strong> {engine.version}
      </span>
      <span className="store-detail" title={`${engine.endpoint} (${engine.source})`}>
        {engine.endpoint} · {engine.source}
      </span>
    </p>
  )
}

export function NoEngineBanner({ error }: { error: string }) {
  return (
    <section className="banner" data-problem="unreachable" data-testid="no-engine" aria-live="polite">
      <h2 className="banner-title">No container engine found</h2>
      <p>
        The stack (MongoDB, MinIO, MLflow, Metabase) runs on Docker or Podman. Install one and start it, or
        point <code>DOCKER_HOST</code> at a running engine, then come back to this page.
      </p>
      <details>
        <summary>Technical details</summary>
        <pre className="engine-error">{error}</pre>
      </details>
      <p>
        <strong>The embedded mode keeps working:</strong> the pipeline runs into the local lake and the
        Overview, the other pages and the read API serve its gold straight from Parquet. Only the stack needs
        an engine.
      </p>
    </section>
  )
}
