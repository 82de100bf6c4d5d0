/**
 * The stack's own consoles. Plain anchors: a browser opens them in a new tab, and the desktop window
 * hands allowed local addresses to the system browser.
 */
import type { StackLinks as Links } from '../../../src-preload/contract.ts'

const LINKS: readonly { key: keyof Links; label: string; what: string }[] = [
  { key: 'minioConsole', label: 'MinIO console', what: 'the lake’s buckets and objects' },
  { key: 'mlflow', label: 'MLflow', what: 'model runs and metrics' },
  { key: 'metabase', label: 'Metabase', what: 'dashboards on the served gold' },
  { key: 'sparkUi', label: 'Spark UI', what: 'the Spark master (spark profile)' },
]

export function StackLinks({ links, running }: { links: Links; running: boolean }) {
  const shown = LINKS.filter((l) => links[l.key])
  return (
    <section className="panel">
      <h2>Open</h2>
      {shown.length === 0 ? (
        <p className="muted">The compose file publishes none of the consoles on a host port.</p>
      ) : (
        <ul className="stack-links" data-testid="stack-links">
          {shown.map((l) => (
            <li key={l.key}>
              <a href={links[l.key]} target="_blank" rel="noopener noreferrer" data-link={l.key}>
                {l.label}
              </a>
              <span className="hint">
                {' '}
                {l.what} · <code>{links[l.key]}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      {running ? null : <p className="hint">They answer once the stack is up: start it with Up.</p>}
    </section>
  )
}
