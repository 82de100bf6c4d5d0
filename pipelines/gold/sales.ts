/** §4.8 revenue aggregates over the fact: by month, country and product. */
import pl from 'nodejs-polars'
import { fromUnits, unitsSum } from './exact-sum.ts'
import { once } from './memo.ts'
import { collectStreaming } from './streaming-collect.ts'

const exprs = once(() => {
  const revenue = unitsSum(pl.col('montant'), 'ca')
  const by = (key: string) => ({
    key: pl.col(key),
    columns: [pl.col(key), fromUnits('ca')],
    byRevenue: [pl.col('ca'), pl.col(key)],
  })
  return { revenue, mois: by('mois'), pays: by('pays'), produit: by('produit') }
})

/** `mois`, `ca`, sorted by month. */
export function buildCaMonthly(fact: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  return collectStreaming(fact.lazy().groupBy(e.mois.key).agg(e.revenue))
    .sort('mois')
    .select(...e.mois.columns)
}

function largestFirst(fact: pl.DataFrame, key: 'pays' | 'produit'): pl.DataFrame {
  const e = exprs()
  const k = e[key]
  return collectStreaming(fact.lazy().groupBy(k.key).agg(e.revenue))
    .sort(k.byRevenue, [true, false])
    .select(...k.columns)
}

/** `pays`, `ca`, largest revenue first (name ascending on exact ties). */
export function buildCaCountry(fact: pl.DataFrame): pl.DataFrame {
  return largestFirst(fact, 'pays')
}

/** `produit`, `ca`, largest revenue first (name ascending on exact ties). */
export function buildCaProduct(fact: pl.DataFrame): pl.DataFrame {
  return largestFirst(fact, 'produit')
}
