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
}

/** One rule per field of a list: the first bad field is the one reported. */
export function perField(
  reason: RejectReason,
  fields: readonly string[],
  bad: (field: string) => pl.Expr,
): Rule[] {
  return fields.map((field) => ({ reason, field, rejects: bad(field) }))
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
 * The rows in key order, with the duplicate keys among rows no rule rejected flagged as rule `dupIndex`.
 * Kept is the first (or last) occurrence in source-row order, a stable choice (the original sorted
 * unstably, so its "first" was arbitrary). Rejected rows get no key, so they never shadow a valid row; they
 * come last. One stable sort both orders the rows and puts each key's occurrences side by side: cheaper
 * than hashing every key to find duplicates, then sorting the kept rows.
 */
export function sortedFlaggingDuplicates(
  df: pl.DataFrame,
  key: string,
  keep: 'first' | 'last',
  dupIndex: number,
): pl.DataFrame {
  const candidate = pl.when(pl.col('_rule').isNull()).then(pl.col(key)).otherwise(pl.lit(null))
  // Bronze rows are in source order, and the sort keeps that order among equal keys.
  const order = df
    .select(candidate.alias('_key'))
    .withRowIndex('_at')
    .sort({ by: '_key', nullsLast: true, maintainOrder: true })
    .getColumn('_at')
  const shadowed = keep === 'first' ? candidate.eq(candidate.shift(1)) : candidate.eq(candidate.shift(-1))
  return df
    .lazy()
    .select(pl.all().gather(order))
    .withColumns(
      pl
        .when(shadowed.fillNull(false))
        .then(pl.lit(dupIndex))
        .otherwise(pl.col('_rule'))
        .cast(pl.Int32)
        .alias('_rule'),
    )
    .collectSync()
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
