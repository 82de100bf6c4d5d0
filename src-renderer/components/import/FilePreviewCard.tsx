/**
 * One file of the preview: how it was read (editable), its counts, why rows would be rejected (with the
 * file's lines), and its first rows with each column's type. The rows export as CSV.
 */

import type { Row } from '../../../src-preload/contract.ts'
import type { FilePreview } from '../../../src-preload/contract-import.ts'
import { fmt } from '../../format/index.ts'
import { TableExport } from '../export/TableExport.tsx'
import { type DialectChoice, DialectEditor } from './DialectEditor.tsx'

const count = fmt.count

function Counts({ preview }: { preview: FilePreview }) {
  const { read, kept, rejected, blank } = preview.counts
  return (
    <dl className="import-counts" data-testid={`counts-${preview.file}`}>
      {(
        [
          ['read', read],
          ['kept', kept],
          ['rejected', rejected],
          ['blank', blank],
        ] as const
      ).map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className="num" data-count={label}>
            {count(value)}
          </dd>
        </div>
      ))}
    </dl>
  )
}

function RejectReasons({ preview }: { preview: FilePreview }) {
  if (preview.rejects.length === 0) return <p className="muted">No row would be rejected.</p>
  return (
    <ul className="import-rejects" aria-label={`Why rows of ${preview.file} would be rejected`}>
      {preview.rejects.map((reason) => (
        <li key={reason.reason}>
          <strong>{reason.label ?? reason.reason}</strong> <code>{reason.reason}</code>{' '}
          <span className="num">×{count(reason.count)}</span>
          <ul>
            {reason.examples.map((example) => (
              <li key={example.line} className="muted">
                line {example.line}
                {example.field ? (
                  <>
                    : {example.field} <code>{JSON.stringify(example.value ?? '').slice(0, 60)}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  )
}

function FirstRows({ preview }: { preview: FilePreview }) {
  const columns = [{ name: '_line', type: 'line' }, ...preview.columns]
  return (
    <div className="table-wrap import-rows">
      <table>
        <caption className="muted">
          The first {preview.rows.length} rows as read, each column with the type a run gives it
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.name} scope="col">
                {column.name === '_line' ? 'line' : column.name}
                <span className="column-type">{column.type === 'line' ? '' : column.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={String(row._line)}>
              {columns.map((column) => (
                <td key={column.name} className={column.name === '_line' ? 'num muted' : undefined}>
                  {row[column.name] === null ? '' : String(row[column.name])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function FilePreviewCard({
  preview,
  given,
  onDialect,
  updating,
}: {
  preview: FilePreview
  given: DialectChoice
  onDialect: (next: DialectChoice) => void
  updating: boolean
}) {
  const exportColumns = [{ key: '_line' }, ...preview.columns.map((c) => ({ key: c.name }))] as {
    key: keyof Row & string
  }[]
  return (
    <section
      className="panel import-file"
      aria-labelledby={`file-${preview.file}`}
      data-testid={`preview-${preview.file}`}
    >
      <div className="panel-head">
        <h2 id={`file-${preview.file}`}>{preview.file}</h2>
        <TableExport
          name={`preview-${preview.file.replace(/\.\w+$/, '')}`}
          rows={preview.rows}
          columns={exportColumns}
        />
      </div>
      <DialectEditor
        file={preview.file}
        dialect={preview.dialect}
        given={given}
        onChange={onDialect}
        disabled={updating}
      />
      <Counts preview={preview} />
      <h3>Rejected rows</h3>
      <RejectReasons preview={preview} />
      <h3>First rows</h3>
      <FirstRows preview={preview} />
    </section>
  )
}
