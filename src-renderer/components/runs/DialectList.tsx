/** How a run read each source file: separator, encoding, decimal mark and date format, detected or given. */
import type { RunRecord } from '../../../src-preload/contract.ts'
import { dialectParts, SOURCE_TABLES } from './run-format.ts'

export function DialectList({ run }: { run: Pick<RunRecord, 'dialect'> }) {
  const files = SOURCE_TABLES.flatMap((source) => {
    const dialect = run.dialect?.[source]
    return dialect ? [{ source, dialect }] : []
  })
  if (files.length === 0) return <span className="muted">—</span>
  return (
    <ul className="dialect-list">
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
                title={`${part.name}, ${part.detected ? 'detected from the file' : 'given for this run'}`}
              >
                {part.name} <code>{part.value}</code>{' '}
                <span className="dialect-origin">{part.detected ? 'detected' : 'given'}</span>
              </span>
            ))
          )}
        </li>
      ))}
    </ul>
  )
}
