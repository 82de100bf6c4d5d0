/**
 * `data.sales` on the embedded store: Polars, lazily over the current run's fact_achats.parquet (only the
 * columns and row groups a query needs are read), collected off the event loop. Answers are kept per
 * gold folder and filter: a committed run's files never change, and a new run has a new folder.
 */
import { existsSync } from 'node:fs'
import pl from 'nodejs-polars'
import type { SalesFilter, SalesResult } from '../../../src-preload/contract-insights.ts'
import { collection } from './collections.ts'
import { goldTablePath } from './gold-documents.ts'
import {
  answerSales,
  normalizeSalesFilter,
  type SalesGroup,
  type SalesSource,
  salesFilterKey,
} from './sales-query.ts'
import type { Row } from './serving-store.ts'

/** Answers kept (a dashboard asks a few grains per filter; old runs' answers age out). */
const MAX_ANSWERS = 256
const answers = new Map<string, Promise<SalesResult | null>>()

/** The purchases a filter keeps: days on the calendar day text `jour`, which sorts as dates do. */
function matching(filter: SalesFilter): pl.Expr {
  const conditions: pl.Expr[] = [pl.lit(true)]
  if (filter.from) conditions.push(pl.col('jour').gtEq(pl.lit(filter.from)))
  if (filter.to) conditions.push(pl.col('jour').ltEq(pl.lit(filter.to)))
  if (filter.pays) conditions.push(pl.col('pays').isIn(filter.pays))
  if (filter.produit) conditions.push(pl.col('produit').isIn(filter.produit))
  return conditions.reduce((all, next) => all.and(next))
}

const factPath = (goldDir: string) => goldTablePath(goldDir, collection('gold_fact_achats'))

/** The SalesSource of one run's gold folder under one filter. */
function factSource(goldDir: string, filter: SalesFilter): SalesSource {
  const selected = () => pl.scanParquet(factPath(goldDir)).filter(matching(filter))
  return {
    async groups(by, countClients) {
      const clients = countClients ? pl.col('id_client').nUnique() : pl.lit(null)
      const frame = await selected()
        .groupBy(pl.col(by).alias('key'))
        .agg(
          pl.col('montant').sum().cast(pl.Float64).alias('ca'),
          pl.len().cast(pl.Int64).alias('nb_achats'),
          clients.cast(pl.Int64).alias('clients'),
        )
        .collect()
      return (frame.toRecords() as Record<keyof SalesGroup, unknown>[]).map((r) => ({
        key: r.key as SalesGroup['key'],
        ca: Number(r.ca),
        nb_achats: Number(r.nb_achats),
        clients: r.clients === null ? null : Number(r.clients),
      }))
    },
    async distribution() {
      const path = goldTablePath(goldDir, collection('gold_distribution'))
      return existsSync(path) ? (pl.readParquet(path).toRecords() as Row[]) : null
    },
    async clients() {
      const frame = await selected()
        .select(pl.col('id_client').nUnique().cast(pl.Int64).alias('clients'))
        .collect()
      return Number(frame.getColumn('clients').get(0) ?? 0)
    },
  }
}

/** The sales answer over the fact (and distribution) of a run's gold folder, null when it has no fact. */
export async function parquetSales(goldDir: string, filter: SalesFilter): Promise<SalesResult | null> {
  if (!existsSync(factPath(goldDir))) return null
  const key = `${goldDir}|${salesFilterKey(filter)}`
  let answer = answers.get(key)
  if (!answer) {
    const normalized = normalizeSalesFilter(filter)
    answer = answerSales(normalized, factSource(goldDir, normalized))
    if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value as string)
    answers.set(key, answer)
    // A failed read is not kept: the next request tries again.
    answer.catch(() => {
      if (answers.get(key) === answer) answers.delete(key)
    })
  }
  return answer
}
