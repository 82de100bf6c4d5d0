/** Silver purchases: the original's cleaning rules (spec §3.2) in order, with every dropped row kept as a reject. */
import pl from 'nodejs-polars'
import { MAX_PURCHASE_AMOUNT, REQUIRED_PURCHASE_COLUMNS } from '../schema.ts'
import { rowCount, type TableFrame } from '../table-frame.ts'
import { applyRules, type CleaningPlan } from './apply-rules.ts'
import { asNumber, asTimestamp, fastIsoTimestamp, ISO_DATE, isBlank, isWhole, text } from './parse.ts'
import { qualityCounters } from './rejects.ts'
import { perField } from './rules.ts'
import { type CleanResult, dateBounds, type SilverOptions } from './silver-options.ts'

const PARSED_PURCHASE_FIELDS = ['id_achat', 'id_client', 'date_achat', 'montant']

const COUNTERS = [
  'dropped_missing',
  'dropped_invalid_date',
  'dropped_out_of_range',
  'dropped_bad_amount',
  'dropped_orphan_client',
  'dropped_duplicates',
]

/**
 * `clientIds` are the ids of the cleaned clients. As in the original, an empty set disables the orphan
 * rule (a purchase file cleaned on its own keeps its rows, with country "Inconnu" in gold).
 */
export function cleanAchats(bronze: TableFrame, clientIds: pl.Series, options: SilverOptions): CleanResult {
  const { lower, upper } = dateBounds(options)
  const date = pl.col('_date')
  const amount = pl.col('_amount')
  const known = pl.col('_client').isIn(clientIds.cast(pl.Float64).unique().implode())
  const formats = options.formats?.achats
  // The plan with a given reading of the date text (the fast ISO one, or the general one).
  const plan = (dateText: pl.Expr): CleaningPlan => ({
    parsed: [
      asNumber('id_achat', formats?.decimal).alias('_id'),
      asNumber('id_client', formats?.decimal).alias('_client'),
      asNumber('montant', formats?.decimal).alias('_amount'),
      dateText.alias('_date'),
    ],
    rules: [
      // A blank id, client, date or amount parses to null, which the rules after reject too.
      ...perField('missing_field', REQUIRED_PURCHASE_COLUMNS, isBlank, PARSED_PURCHASE_FIELDS),
      { reason: 'invalid_number', field: 'id_achat', rejects: isWhole('_id').not() },
      { reason: 'invalid_number', field: 'id_client', rejects: isWhole('_client').not() },
      { reason: 'invalid_number', field: 'montant', rejects: amount.isNull().or(amount.isNan()) },
      { reason: 'invalid_date', field: 'date_achat', rejects: date.isNull() },
      { reason: 'date_out_of_range', field: 'date_achat', rejects: date.lt(lower).or(date.gt(upper)) },
      { reason: 'bad_amount', field: 'montant', rejects: amount.ltEq(0).or(amount.gt(MAX_PURCHASE_AMOUNT)) },
      {
        reason: 'orphan_client',
        field: 'id_client',
        rejects: clientIds.length > 0 ? known.not() : pl.lit(false),
      },
    ],
    duplicates: { key: '_id', field: 'id_achat', keep: 'last' },
    output: [
      pl.col('_id').cast(pl.Int64).alias('id_achat'),
      pl.col('_client').cast(pl.Int64).alias('id_client'),
      date.alias('date_achat'),
      amount.alias('montant'),
      text('produit').alias('produit'),
    ],
    columns: REQUIRED_PURCHASE_COLUMNS,
    titleCased: 'produit',
  })
  const general = plan(asTimestamp('date_achat', formats?.dateFormat))
  const fast = (formats?.dateFormat ?? ISO_DATE) === ISO_DATE ? fastIsoTimestamp('date_achat') : undefined
  const { kept: clean, rejects } = applyRules(
    bronze,
    fast
      ? { ...plan(fast.value), fallback: { column: 'date_achat', when: fast.needsGeneral, plan: general } }
      : general,
  )
  return { clean, rejects, quality: qualityCounters(rowCount(bronze), rejects, clean.height, COUNTERS) }
}
