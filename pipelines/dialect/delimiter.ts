/**
 * The field separator of a CSV file, from its first lines: the candidate (`,` `;` tab `|`) that splits the
 * header into the required columns and the following lines into as many fields as the header. A French
 * spreadsheet writes `;`, since `,` is its decimal mark.
 */
import { DELIMITERS, type Delimiter } from '../../src-preload/values.ts'

const SAMPLE_LINES = 50

/** The fields of one line, split on `delimiter` outside double quotes (quotes kept; enough to count). */
export function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (const char of line) {
    if (char === '"') quoted = !quoted
    if (char === delimiter && !quoted) {
      fields.push(field)
      field = ''
    } else field += char
  }
  fields.push(field)
  return fields
}

/**
 * The separator that splits the header into the most `required` columns (counted by `found`), then into
 * the most columns, then gives the most sample lines the header's field count. A file that lacks a
 * required column still gets its likeliest separator, so the error can name what is missing.
 */
export function detectDelimiter(lines: readonly string[], found: (header: string[]) => number): Delimiter {
  const [header = '', ...rest] = lines
  const sample = rest.slice(0, SAMPLE_LINES).filter((l) => l.trim() !== '')
  const score = (delimiter: Delimiter): number[] => {
    const columns = splitLine(header, delimiter)
    const consistent = sample.filter((l) => splitLine(l, delimiter).length === columns.length).length
    return [found(columns), columns.length, consistent]
  }
  const better = (a: number[], b: number[]) => {
    const at = a.findIndex((x, i) => x !== b[i])
    return at !== -1 && (a[at] as number) > (b[at] as number)
  }
  return DELIMITERS.reduce((best, delimiter) => (better(score(delimiter), score(best)) ? delimiter : best))
}
