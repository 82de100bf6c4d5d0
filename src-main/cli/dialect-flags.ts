/**
 * `--delimiter`, `--encoding`, `--decimal`, `--date-format` (how the input files are written; applied to
 * both, winning over what is detected) and `--max-reject-share`, checked into what a run takes.
 */
import type { DialectChoice } from '../../pipelines/bronze.ts'
import { dateOrder } from '../../pipelines/dialect/date-format.ts'
import { DECIMAL_MARKS, DELIMITERS, ENCODINGS } from '../../src-preload/values.ts'
import { UsageError } from './command-io.ts'
import type { Values } from './options.ts'

const DELIMITER_WORDS: Record<string, string> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  '\\t': '\t',
  pipe: '|',
}
const DECIMAL_WORDS: Record<string, string> = { point: '.', dot: '.', comma: ',' }

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[], shown: string): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T
  throw new UsageError(`--${flag} must be ${shown}, got "${raw}"`)
}

export function dialectFlags(values: Values): DialectChoice | undefined {
  const choice: DialectChoice = {}
  if (values.delimiter !== undefined) {
    const raw = DELIMITER_WORDS[values.delimiter.toLowerCase()] ?? values.delimiter
    choice.delimiter = oneOf('delimiter', raw, DELIMITERS, '"," ";" "tab" or "|"')
  }
  if (values.encoding !== undefined) {
    const raw = values.encoding
      .toLowerCase()
      .replace(/^utf8$/, 'utf-8')
      .replace(/^(cp1252|latin1)$/, 'windows-1252')
    choice.encoding = oneOf('encoding', raw, ENCODINGS, 'utf-8, utf-16 or windows-1252')
  }
  if (values.decimal !== undefined) {
    const raw = DECIMAL_WORDS[values.decimal.toLowerCase()] ?? values.decimal
    choice.decimal = oneOf('decimal', raw, DECIMAL_MARKS, '"." or ","')
  }
  if (values['date-format'] !== undefined) {
    try {
      dateOrder(values['date-format'])
    } catch (err) {
      throw new UsageError(`--date-format: ${(err as Error).message}`)
    }
    choice.dateFormat = values['date-format']
  }
  return Object.keys(choice).length > 0 ? choice : undefined
}

/** A share from 0 to 1, or a percentage ("20%"). */
export function rejectShareFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const percent = raw.trim().endsWith('%')
  const value = Number(percent ? raw.trim().slice(0, -1) : raw)
  const share = percent ? value / 100 : value
  if (raw.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new UsageError(
      `--max-reject-share expects a share from 0 to 1 (or a percentage like 20%), got "${raw}"`,
    )
  }
  return share
}
