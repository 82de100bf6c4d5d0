/**
 * Python's str.title() (every alphabetic run capitalised, the rest lower-cased) with one fix: a run of
 * at most three capitals is an acronym and stays as written, so "UK" stays "UK" (the original wrote "Uk").
 */
import pl from 'nodejs-polars'

const LETTER_RUN = /\p{L}+/gu

export function titleCase(text: string): string {
  return text.replace(LETTER_RUN, (run) => {
    if (run.length <= 3 && run === run.toUpperCase() && run !== run.toLowerCase()) return run
    return run.charAt(0).toUpperCase() + run.slice(1).toLowerCase()
  })
}

/**
 * The expression that title-cases text `column`, given its values: each distinct value is mapped once (the
 * JS work is per value, not per row).
 */
export function titleCasing(values: pl.Series, column: string): pl.Expr {
  const distinct = values
    .unique()
    .toArray()
    .filter((v): v is string => typeof v === 'string')
  const changed = distinct.filter((v) => titleCase(v) !== v)
  if (changed.length === 0) return pl.col(column)
  return pl.col(column).replace(changed, changed.map(titleCase)).alias(column)
}
