/**
 * How a run read each source file: separator, encoding, decimal mark and date format, each marked detected
 * (guessed from the file) or set (given for the run, or the default where the file had nothing to guess
 * from: the record does not tell those two apart). `compact` shows only the values, for the history's rows.
 */
import type { RunRecord } from '../../../src-preload/contract.ts'
import { dialectParts, SOURCE_TABLES } from './run-format.ts'

export function DialectList({
  run,
  compact = false,
}: {
  run: Pick<RunRecord, 'dialect'>
  compact?: boolean
}) {
  const files = SOURCE_TABLES.flatMap((source) => {
    const dialect = run.dialect?.[source]
    return dialect ? [{ source, dialect }] : []
  })
  if (files.length === 0) return <span className="muted">—</span>
  return (
    <ul className={compact ? 'dialect-list dialect-compact' : 'dialect-list'}>
      {files.map(({ source, dialect }) => (
        <li key={source} data-testid={`dialect-${source}`}>
          <span className="dialect-file">
            {source}.{dialect.format}
          </span>
          {dialect.format === 'parquet' ? (
            <span className="dialect-part">Parquet</span>
          ) : (
            dialectParts(dialect).map((part) => (
              <span
                key={part.name}
                className={part.detected ? 'dialect-part' : 'dialect-part dialect-given'}
                title={`${part.name} ${part.value}, ${part.detected ? 'detected from the file' : 'set: given for this run, or the default'}`}
              >
                {compact ? null : `${part.name} `}
                <code>{part.value}</code>
                {compact ? null : (
                  <span className="dialect-origin"> {part.detected ? 'detected' : 'set'}</span>
                )}
              </span>
            ))
          )}
        </li>
      ))}
    </ul>
  )
}
