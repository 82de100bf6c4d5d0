/**
 * The live log of one service: its last lines, asked again every 2 s while the panel is open, filtered by
 * a search the engine side applies, and exported as the lines shown. Stays at the bottom as lines arrive
 * unless the reader has scrolled up.
 */
import { useEffect, useRef, useState } from 'react'
import { LOG_POLL_MS, useServiceLogs } from '../../api/stack-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { catalogColumns, LOG_LINE_LABELS } from '../export/column-labels.ts'
import { TableExport } from '../export/TableExport.tsx'
import { logRows, shortTime } from './log-lines.ts'
import { useDebounced } from './use-debounced.ts'

const TAILS = [100, 200, 1000, 5000] as const
const LOG_COLUMNS = catalogColumns<ReturnType<typeof logRows>[number]>(LOG_LINE_LABELS)
/** The contract's bound on a search. */
const MAX_SEARCH = 200

export function ServiceLogs({ service, onClose }: { service: string; onClose: () => void }) {
  const [draft, setDraft] = useState('')
  const [tail, setTail] = useState<number>(200)
  const search = useDebounced(draft.trim().slice(0, MAX_SEARCH), 300)
  const logs = useServiceLogs({ service, tail, ...(search ? { search } : {}) }, true)
  const lines = logs.data ?? []
  const box = useRef<HTMLPreElement>(null)
  const stickToBottom = useRef(true)

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when new lines are shown
  useEffect(() => {
    const element = box.current
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight
  }, [lines])

  return (
    <section className="panel service-logs" data-testid="service-logs" data-service={service}>
      <div className="panel-head">
        <h2>
          Logs — <code>{service}</code>
        </h2>
        <div className="logs-tools">
          <input
            type="search"
            className="input"
            placeholder="Search the lines"
            aria-label={`Search the log of ${service}`}
            value={draft}
            maxLength={MAX_SEARCH}
            onChange={(e) => setDraft(e.target.value)}
          />
          <select aria-label="Lines" value={tail} onChange={(e) => setTail(Number(e.target.value))}>
            {TAILS.map((n) => (
              <option key={n} value={n}>
                last {n} lines
              </option>
            ))}
          </select>
          <TableExport name={`logs-${service}`} rows={logRows(lines)} columns={LOG_COLUMNS} />
          <button type="button" className="button button-small" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <ErrorNote error={logs.error} />
      {logs.data && lines.length === 0 ? (
        <p className="muted">
          {search
            ? `No line of ${service} contains “${search}”: clear the search or show more lines.`
            : `${service} has written nothing yet.`}
        </p>
      ) : null}
      {lines.length > 0 ? (
        <pre
          ref={box}
          className="log-box"
          data-testid="log-lines"
          onScroll={(e) => {
            const el = e.currentTarget
            stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24
          }}
        >
          {lines.map((line, i) => (
            // Lines have no id; their position in this answer is what identifies them.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <span key={i} className={`log-line log-${line.stream}`}>
              {line.time ? <span className="log-time">{shortTime(line.time)} </span> : null}
              {line.text}
              {'\n'}
            </span>
          ))}
        </pre>
      ) : null}
      <p className="hint logs-note">
        {lines.length} lines · refreshed every {LOG_POLL_MS / 1000} s while this panel is open
      </p>
    </section>
  )
}
