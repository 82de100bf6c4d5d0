/**
 * `data.sales` on MongoDB: aggregations over the published fact (gold_fact_achats) using only what
 * FerretDB 1.x runs — `$match`, `$group` with `$sum`/`$count` — plus `distinct` for the selection's clients.
 * FerretDB computes only the first accumulator of a `$group` (FerretDB issue #4616: the others come back
 * 0), so each measure is its own pipeline (run together), and distinct clients per group are two groupings
 * (by key and client, then by key). Purchase days are matched on the BSON date `date_achat` (naive UTC, as
 * published): day `from` 00:00 up to the day after `to`, excluded.
 */
import type { Db, Document } from 'mongodb'
import type { SalesFilter, SalesResult } from '../../../src-preload/contract-insights.ts'
import { collection } from './collections.ts'
import {
  answerSales,
  normalizeSalesFilter,
  type SalesField,
  type SalesGroup,
  type SalesSource,
} from './sales-query.ts'
import type { Row } from './serving-store.ts'

const DAY_MS = 86_400_000
const FACT = collection('gold_fact_achats').name

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`)
}

/** The `$match` stage of a filter. */
function salesMatch(filter: SalesFilter): Document {
  const match: Document = {}
  if (filter.from || filter.to) {
    match.date_achat = {
      ...(filter.from ? { $gte: dayStart(filter.from) } : {}),
      ...(filter.to ? { $lt: new Date(dayStart(filter.to).getTime() + DAY_MS) } : {}),
    }
  }
  if (filter.pays) match.pays = { $in: filter.pays }
  if (filter.produit) match.produit = { $in: filter.produit }
  return { $match: match }
}

type Measure = 'ca' | 'nb_achats' | 'clients'

/** One measure per group of `by`, as `{ _id: key, v: value }`. */
function measurePipeline(match: Document, by: SalesField, measure: Measure): Document[] {
  if (measure === 'clients') {
    return [
      match,
      { $group: { _id: { k: `$${by}`, c: '$id_client' } } },
      { $group: { _id: '$_id.k', v: { $count: {} } } },
    ]
  }
  const value = measure === 'ca' ? { $sum: '$montant' } : { $count: {} }
  return [match, { $group: { _id: `$${by}`, v: value } }]
}

/** The SalesSource of the published fact under one filter. */
function factSource(db: Db, filter: SalesFilter): SalesSource {
  const fact = db.collection(FACT)
  const match = salesMatch(filter)
  return {
    async groups(by, countClients) {
      // Grouped by amount, revenue is amount × purchases: one pipeline fewer (each is a scan on FerretDB).
      const measures: Measure[] = [
        ...(by === 'montant' ? [] : (['ca'] as const)),
        'nb_achats',
        ...(countClients ? (['clients'] as const) : []),
      ]
      const results = await Promise.all(
        measures.map((m) =>
          fact.aggregate<{ _id: SalesGroup['key']; v: number }>(measurePipeline(match, by, m)).toArray(),
        ),
      )
      const groups = new Map<SalesGroup['key'], SalesGroup>()
      measures.forEach((measure, i) => {
        for (const { _id, v } of results[i] ?? []) {
          const group = groups.get(_id) ?? { key: _id, ca: 0, nb_achats: 0, clients: countClients ? 0 : null }
          group[measure] = Number(v)
          groups.set(_id, group)
        }
      })
      const found = [...groups.values()]
      if (by === 'montant') for (const group of found) group.ca = Number(group.key) * group.nb_achats
      return found
    },
    async clients() {
      return (await fact.distinct('id_client', match.$match)).length
    },
    distribution() {
      const projection = { _id: 0, bin: 1, bucket: 1, lower: 1, upper: 1 }
      return db.collection<Row>(collection('gold_distribution').name).find({}, { projection }).toArray()
    },
  }
}

/** The sales answer from the published fact (and distribution), null when none is published. */
export async function mongoSales(db: Db, filter: SalesFilter): Promise<SalesResult | null> {
  const published = await db.collection(FACT).findOne({}, { projection: { _id: 1 } })
  if (!published) return null
  const normalized = normalizeSalesFilter(filter)
  return answerSales(normalized, factSource(db, normalized))
}
