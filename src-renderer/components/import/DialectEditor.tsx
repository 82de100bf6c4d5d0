/**
 * A file's dialect in the preview: each part as detected (the first choice says what was found), or given;
 * a change re-queries the preview, which reads the file again with it.
 */
import type { FileDialect } from '../../../src-preload/contract.ts'
import { DECIMAL_MARKS, DELIMITERS, ENCODINGS } from '../../../src-preload/values.ts'

export type DialectChoice = { delimiter?: string; encoding?: string; decimal?: string; dateFormat?: string }
type Part = keyof DialectChoice

/** The date formats people's files use; the detected one is offered too when it is another. */
const DATE_FORMATS = ['%Y-%m-%d', '%d/%m/%Y', '%m/%d/%Y', '%d.%m.%Y', '%d-%m-%Y', '%Y/%m/%d']

const LABELS: Record<Part, string> = {
  delimiter: 'Separator',
  encoding: 'Encoding',
  decimal: 'Decimal mark',
  dateFormat: 'Date format',
}

const shown = (value: string) => (value === '\t' ? 'tab' : value)

function optionsOf(part: Part, dialect: FileDialect): readonly string[] {
  switch (part) {
    case 'delimiter':
      return DELIMITERS
    case 'encoding':
      return ENCODINGS
    case 'decimal':
      return DECIMAL_MARKS
    case 'dateFormat':
      return dialect.dateFormat && !DATE_FORMATS.includes(dialect.dateFormat)
        ? [...DATE_FORMATS, dialect.dateFormat]
        : DATE_FORMATS
  }
}

export function DialectEditor({
  file,
  dialect,
  given,
  onChange,
  disabled,
}: {
  file: string
  /** How the preview read the file. */
  dialect: FileDialect
  /** What the user chose (the rest is detected). */
  given: DialectChoice
  onChange: (next: DialectChoice) => void
  disabled: boolean
}) {
  if (dialect.format === 'parquet')
    return <p className="muted">Parquet: typed columns, no dialect to choose.</p>
  const parts: Part[] = ['delimiter', 'encoding', 'decimal', 'dateFormat']
  return (
    <fieldset className="dialect-editor" disabled={disabled}>
      <legend>How {file} is read</legend>
      {parts.map((part) => {
        const read = dialect[part]
        const detected = dialect.detected.includes(part)
        // Neither detected nor given: the default (e.g. the decimal mark of a file without decimals).
        const how = detected ? 'detected' : given[part] !== undefined ? 'given' : 'default'
        return (
          <label className="field" key={part}>
            <span>
              {LABELS[part]}{' '}
              <span className="muted" data-testid={`dialect-${file}-${part}`}>
                {read === undefined ? '' : `(${shown(String(read))}, ${how})`}
              </span>
            </span>
            <select
              aria-label={`${LABELS[part]} of ${file}`}
              value={given[part] ?? ''}
              onChange={(event) => {
                const next = { ...given }
                if (event.target.value === '') delete next[part]
                else next[part] = event.target.value
                onChange(next)
              }}
            >
              <option value="">
                Detect{read !== undefined && detected ? ` (${shown(String(read))})` : ''}
              </option>
              {optionsOf(part, dialect).map((value) => (
                <option key={value} value={value}>
                  {shown(value)}
                </option>
              ))}
            </select>
          </label>
        )
      })}
    </fieldset>
  )
}
