/**
 * Each service of the compose file as the engine has it: state, health, published ports, image, uptime,
 * whether the next Up recreates it, and a button that opens its live log.
 */
import type { StackServiceStatus } from '../../../src-preload/contract.ts'
import { catalogColumns, STACK_SERVICE_LABELS } from '../export/column-labels.ts'
import { TableExport } from '../export/TableExport.tsx'
import { formatPorts, formatUptime } from './stack-format.ts'
import { useNow } from './use-now.ts'

interface ServiceRow {
  service: string
  state: string
  health: string
  ports: string
  image: string
  uptime_seconds: number | null
  up_to_date: boolean
}

const EXPORT_COLUMNS = catalogColumns<ServiceRow>(STACK_SERVICE_LABELS)
const L = STACK_SERVICE_LABELS

function exportRow(s: StackServiceStatus): ServiceRow {
  return {
    service: s.service,
    state: s.state,
    health: s.health,
    ports: formatPorts(s.ports),
    image: s.image,
    uptime_seconds: s.uptimeSeconds ?? null,
    up_to_date: s.upToDate,
  }
}

const STATE_BADGES: Partial<Record<StackServiceStatus['state'], string>> = {
  running: 'badge-succeeded',
  restarting: 'badge-running',
  dead: 'badge-failed',
}

function StateCell({ service }: { service: StackServiceStatus }) {
  // A one-shot service (bucket creation) that exited 0 did its job; any other exit code is a failure.
  const failedExit = service.state === 'exited' && service.exitCode !== undefined && service.exitCode !== 0
  const badge = failedExit ? 'badge-failed' : (STATE_BADGES[service.state] ?? '')
  return (
    <span className={`badge ${badge}`}>
      {service.state}
      {service.state === 'exited' && service.exitCode !== undefined ? ` (${service.exitCode})` : ''}
    </span>
  )
}

const HEALTH_BADGES: Record<StackServiceStatus['health'], string> = {
  healthy: 'badge-succeeded',
  unhealthy: 'badge-failed',
  starting: 'badge-running',
  none: '',
}

/** Uptimes keep counting between status updates, at this pace. */
const UPTIME_TICK_MS = 10_000

export function ServicesTable({
  services,
  measuredAt,
  logsFor,
  onLogs,
}: {
  services: readonly StackServiceStatus[]
  /** When the status was read (ms): uptimes count on from there, whatever the engine's clock says. */
  measuredAt: number
  /** The service whose log panel is open. */
  logsFor: string | null
  onLogs: (service: string) => void
}) {
  const now = useNow(UPTIME_TICK_MS)
  const uptime = (s: StackServiceStatus) =>
    s.uptimeSeconds === undefined ? undefined : s.uptimeSeconds + Math.max(0, now - measuredAt) / 1000
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>Services</h2>
        <TableExport name="stack-services" rows={services.map(exportRow)} columns={EXPORT_COLUMNS} />
      </div>
      <div className="table-wrap">
        <table className="runs services" data-testid="stack-services">
          <thead>
            <tr>
              <th>{L.service}</th>
              <th>{L.state}</th>
              <th>{L.health}</th>
              <th>{L.ports}</th>
              <th>{L.image}</th>
              <th className="num">Uptime</th>
              <th>
                <span className="visually-hidden">Log</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.service} data-service={s.service} data-state={s.state} data-health={s.health}>
                <td>
                  <strong>{s.service}</strong>
                  {s.upToDate || s.state === 'missing' ? null : (
                    <span className="service-stale" title="Its definition changed: the next Up recreates it">
                      changed
                    </span>
                  )}
                  <div className="service-container">{s.containerName}</div>
                </td>
                <td>
                  <StateCell service={s} />
                </td>
                <td>
                  {s.health === 'none' ? (
                    <span className="muted">—</span>
                  ) : (
                    <span className={`badge ${HEALTH_BADGES[s.health]}`}>{s.health}</span>
                  )}
                </td>
                <td className="service-ports">{formatPorts(s.ports)}</td>
                <td className="service-image">
                  <code>{s.image}</code>
                </td>
                <td className="num">{formatUptime(uptime(s))}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    aria-pressed={logsFor === s.service}
                    disabled={s.state === 'missing'}
                    title={s.state === 'missing' ? 'No container yet: start the stack with Up' : undefined}
                    onClick={() => onLogs(s.service)}
                  >
                    Logs
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
