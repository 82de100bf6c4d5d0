/**
 * Text from a file as an error message shows it: escaped (JSON) and cut, so a message names what it found
 * without carrying a file's lines — a run may be pointed at any file, and its errors reach task logs and
 * HTTP answers. The Spark twin quotes the same way (pipelines/spark/quoted_text.py).
 */

/** At most this many characters (code points) of one quoted text. */
export const MAX_QUOTED_CHARS = 40
/** At most this many names of a list. */
export const MAX_QUOTED_NAMES = 8

/** `text` in double quotes, escaped as JSON, cut after MAX_QUOTED_CHARS with "…". */
export function quoted(text: string): string {
  const chars = Array.from(text)
  return JSON.stringify(
    chars.length > MAX_QUOTED_CHARS ? `${chars.slice(0, MAX_QUOTED_CHARS).join('')}…` : text,
  )
}

/** The first MAX_QUOTED_NAMES names, each quoted, then how many more there are. */
export function quotedNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_QUOTED_NAMES).map(quoted).join(', ')
  const more = names.length - MAX_QUOTED_NAMES
  return more > 0 ? `${shown} … and ${more} more` : shown
}
