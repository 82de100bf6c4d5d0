/**
 * Header names as people write them: "Date Achat", "date_achat" and "DATE-ACHAT" name the same column,
 * as do "Pays" and "pays " — names are compared ignoring case, spaces, `_`, `-` and accents. Two columns
 * that become the same name that way are refused, naming both (one would silently hide the other). A
 * column with no name at all (a trailing separator) is called `column_<position>`. Messages quote the names
 * found escaped and cut (quoted-text.ts): a header may be the first line of any file.
 */
import { PipelineInputError } from '../pipeline-error.ts'
import { quoted, quotedNames } from '../quoted-text.ts'

/** The name compared: lower case, without accents, spaces, `_` or `-`, nor a byte order mark. */
export function headerKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
}

/** How many of the required columns are among `header`. */
export function requiredFound(header: readonly string[], required: readonly string[]): number {
  const keys = new Set(header.map(headerKey))
  return required.filter((column) => keys.has(headerKey(column))).length
}

/**
 * The name each header column gets: the required column it matches, else its own name trimmed. Throws when
 * two columns match the same name, or a required column is missing.
 */
export function headerNames(header: readonly string[], required: readonly string[], file: string): string[] {
  const canonical = new Map(required.map((column) => [headerKey(column), column]))
  const seen = new Map<string, string>()
  const names = header.map((raw, index) => {
    const key = headerKey(raw)
    // A column without a name (a trailing separator in the header) keeps its place under a made-up one.
    if (key === '') return `column_${index + 1}`
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      throw new PipelineInputError(
        'duplicate_column',
        `${file}: the columns ${quoted(earlier)} and ${quoted(raw)} have the same name once case, spaces and accents are ignored: rename or remove one`,
      )
    }
    seen.set(key, raw)
    return canonical.get(key) ?? raw.replace(/^\uFEFF/, '').trim()
  })
  const missing = required.filter((column) => !names.includes(column))
  if (missing.length > 0) {
    throw new PipelineInputError(
      'missing_column',
      `${file}: missing required column(s) ${missing.join(', ')}; found ${quotedNames(header.map((h) => h.replace(/^\uFEFF/, '').trim()))}`,
    )
  }
  return names
}
