/** Plain helpers that turn a run record's input and dialect into the short texts the run views show. */
import type { FileDialect, RunRecord, SourceTable } from '../../../src-preload/contract.ts'

const SOURCES: readonly SourceTable[] = ['clients', 'achats']

/** The source files a run read (runs from bronze): their names, in the folder it read them from. */
export function inputFiles(run: Pick<RunRecord, 'inputDir' | 'dialect'>): string[] {
  if (!run.inputDir) return []
  return SOURCES.map((source) => `${source}.${run.dialect?.[source]?.format ?? 'csv'}`)
}

export interface DialectPart {
  name: 'separator' | 'encoding' | 'decimal' | 'dates'
  value: string
  /** Guessed from the file (else given for the run, or the default). */
  detected: boolean
}

const shownSeparator = (d: string) => (d === '\t' ? 'tab' : `"${d}"`)

/** How one file was read, value by value, each marked detected or given. */
export function dialectParts(dialect: FileDialect): DialectPart[] {
  const parts: DialectPart[] = []
  const detected = new Set(dialect.detected)
  if (dialect.delimiter) {
    parts.push({
      name: 'separator',
      value: shownSeparator(dialect.delimiter),
      detected: detected.has('delimiter'),
    })
  }
  if (dialect.encoding) {
    const bom = dialect.bom ? ' (BOM)' : ''
    parts.push({ name: 'encoding', value: `${dialect.encoding}${bom}`, detected: detected.has('encoding') })
  }
  if (dialect.decimal) {
    parts.push({ name: 'decimal', value: `"${dialect.decimal}"`, detected: detected.has('decimal') })
  }
  if (dialect.dateFormat) {
    parts.push({ name: 'dates', value: dialect.dateFormat, detected: detected.has('dateFormat') })
  }
  return parts
}

/** One line per file: `clients.csv: separator ";" detected · dates %d/%m/%Y set`, for exports. */
export function dialectText(run: Pick<RunRecord, 'dialect'>): string {
  return SOURCES.flatMap((source) => {
    const dialect = run.dialect?.[source]
    if (!dialect) return []
    const parts = dialectParts(dialect).map((p) => `${p.name} ${p.value} ${p.detected ? 'detected' : 'set'}`)
    return [`${source}.${dialect.format}: ${dialect.format === 'parquet' ? 'Parquet' : parts.join(' · ')}`]
  }).join('\n')
}

export const SOURCE_TABLES = SOURCES
