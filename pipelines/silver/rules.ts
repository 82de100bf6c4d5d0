/**
 * A cleaning rule flags the rows it rejects. Rules apply in order and the first that matches a row names
 * the reason, the field at fault and its value, so every rejected row says exactly why.
 */
import pl from 'nodejs-polars'
import type { RejectReason } from '../schema.ts'

export interface Rule {
  reason: RejectReason
  /** The source column a message should point at. */
  field: string
  rejects: pl.Expr
  /**
   * Every row this rule rejects, a later rule rejects too (a blank number parses to null): the rule only
   * names the reason first, so finding the bad rows can skip it.
   */
  impliedByLater?: boolean
}

/**
 * One rule per field of a list: the first bad field is the one reported. `implied` are the fields whose
 * bad rows a later rule rejects too.
 */
export function perField(
  reason: RejectReason,
  fields: readonly string[],
  bad: (field: string) => pl.Expr,
  implied: readonly string[] = [],
): Rule[] {
  return fields.map((field) => ({
    reason,
    field,
    rejects: bad(field),
    ...(implied.includes(field) ? { impliedByLater: true } : {}),
  }))
}

/** True where some rule rejects the row (a rule that says null passes, as in `ruleIndex`). */
export function rejectedByAny(rules: Rule[]): pl.Expr {
  return pl.anyHorizontal(rules.filter((r) => !r.impliedByLater).map((r) => r.rejects)).fillNull(false)
}

/** The index of the first rule that rejects the row, null where every rule passes. */
export function ruleIndex(rules: Rule[]): pl.Expr {
  let index = pl.when(pl.lit(false)).then(pl.lit(-1))
  rules.forEach((rule, i) => {
    index = index.when(rule.rejects).then(pl.lit(i))
  })
  return index.otherwise(pl.lit(null)).cast(pl.Int32)
}

/**
 * Each row's position (`_at`) and whether it is bad (`_bad`) or a duplicate (`_dup`), in key order.
 * Duplicates are the repeated keys among rows no rule rejected: kept is the first (or last) occurrence in
 * source-row order, a stable choice (the original sorted unstably, so its "first" was arbitrary). Bad rows
 * get no key, so they never shadow a valid row; they come last. One stable sort of these narrow columns
 * both orders the rows and puts each key's occurrences side by side: cheaper than hashing every key to
 * find duplicates, then sorting the kept rows.
 */
export function keyOrder(df: pl.DataFrame, key: string, keep: 'first' | 'last'): pl.DataFrame {
  const candidate = pl.col('_key')
  const shadowed = keep === 'first' ? candidate.eq(candidate.shift(1)) : candidate.eq(candidate.shift(-1))
  // Bronze rows are in source order, and the sort keeps that order among equal keys.
  return df
    .select(pl.when(pl.col('_bad')).then(pl.lit(null)).otherwise(pl.col(key)).alias('_key'), pl.col('_bad'))
    .withRowIndex('_at')
    .sort({ by: '_key', nullsLast: true, maintainOrder: true })
    .select(pl.col('_at'), pl.col('_bad'), shadowed.fillNull(false).alias('_dup'))
}

/** Looks the rule index up for the (few) rejected rows: reason code, field name and the field's text. */
export function explain(rejected: pl.DataFrame, rules: Rule[]): pl.DataFrame {
  const lookup = (value: (rule: Rule) => pl.Expr) => {
    let chain = pl.when(pl.lit(false)).then(pl.lit(null).cast(pl.Utf8))
    rules.forEach((rule, i) => {
      chain = chain.when(pl.col('_rule').eq(i)).then(value(rule))
    })
    return chain.otherwise(pl.lit(null).cast(pl.Utf8))
  }
  return rejected.withColumns(
    lookup((r) => pl.lit(r.reason)).alias('_reason'),
    lookup((r) => pl.lit(r.field)).alias('_field'),
    lookup((r) => pl.col(r.field).cast(pl.Utf8)).alias('_value'),
  )
}
