/**
 * A cleaning rule flags the rows it rejects. Rules apply in order and the first that matches a row names
 * the reason, the field at fault and its raw value, so every rejected row says exactly why.
 */
import pl from 'nodejs-polars'
import type { RejectReason } from '../schema.ts'

export interface Rule {
  reason: RejectReason
  /** The column a message should point at. */
  field: string
  rejects: pl.Expr
}

/** One rule per field of a list: the first blank (or otherwise bad) field is the one reported. */
export function perField(reason: RejectReason, fields: readonly string[], bad: (field: string) => pl.Expr): Rule[] {
  return fields.map((field) => ({ reason, field, rejects: bad(field) }))
}

/**
 * Adds `_reason`, `_field` and `_value` (null where the row passes every rule). Each rule's test runs once:
 * the index of the first matching rule is computed first, then looked up.
 */
export function flag(df: pl.DataFrame, rules: Rule[]): pl.DataFrame {
  const none = pl.lit(null)
  const [first, ...rest] = rules
  if (!first) return df.withColumns(none.cast(pl.Utf8).alias('_reason'), none.cast(pl.Utf8).alias('_field'), none.cast(pl.Utf8).alias('_value'))
  let index = pl.when(first.rejects).then(pl.lit(0))
  rest.forEach((rule, i) => {
    index = index.when(rule.rejects).then(pl.lit(i + 1))
  })
  const lookup = (value: (rule: Rule) => pl.Expr) => {
    let chain = pl.when(pl.col('_rule').eq(0)).then(value(first))
    rest.forEach((rule, i) => {
      chain = chain.when(pl.col('_rule').eq(i + 1)).then(value(rule))
    })
    return chain.otherwise(none.cast(pl.Utf8))
  }
  return df
    .withColumns(index.otherwise(none).alias('_rule'))
    .withColumns(
      lookup((r) => pl.lit(r.reason)).alias('_reason'),
      lookup((r) => pl.lit(r.field)).alias('_field'),
      lookup((r) => pl.col(r.field).cast(pl.Utf8)).alias('_value'),
    )
    .drop('_rule')
}

/**
 * Flags duplicate keys among rows no rule rejected. Kept is the first (or last) occurrence in source-row
 * order, a stable choice (the original sorted unstably, so its "first" was arbitrary).
 */
export function flagDuplicates(df: pl.DataFrame, key: string, keep: 'first' | 'last'): pl.DataFrame {
  const clean = pl.col('_reason').isNull()
  // Rows already rejected must not shadow a valid row with the same key: only clean rows get a key.
  const ranked = df
    .withColumns(pl.when(clean).then(pl.col(key)).otherwise(pl.lit(null)).alias('_dedup_key'))
    .withColumns(pl.col('_row_number').rank('ordinal', keep === 'last').over('_dedup_key').alias('_rank'))
  const dup = clean.and(pl.col('_rank').gt(1))
  return ranked
    .withColumns(
      pl.when(dup).then(pl.lit('duplicate_id')).otherwise(pl.col('_reason')).alias('_reason'),
      pl.when(dup).then(pl.lit(key)).otherwise(pl.col('_field')).alias('_field'),
      pl.when(dup).then(pl.col(key).cast(pl.Utf8)).otherwise(pl.col('_value')).alias('_value'),
    )
    .drop('_rank', '_dedup_key')
}
