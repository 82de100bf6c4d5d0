/**
 * `data.filters`: what the sales filters may choose from. Read from gold's small per-country, per-product
 * and per-day tables, which hold exactly the fact's distinct countries, products and days, through any
 * store's `list` — no scan of the fact.
 */

import type { SalesFilters } from '../../../src-preload/contract-insights.ts'
import { MAX_PAGE } from '../../../src-preload/values.ts'
import { collection } from './collections.ts'
import type { ServingStore } from './serving-store.ts'

type Lister = Pick<ServingStore, 'list'>

/** Every value of one field of a collection in ascending order, page by page; null when nothing is published. */
async function allValues(store: Lister, name: string, field: string): Promise<string[] | null> {
  const spec = collection(name)
  const values: string[] = []
  for (;;) {
    const page = await store.list(spec, {
      sort: { field, dir: 1 },
      filter: {},
      offset: values.length,
      limit: MAX_PAGE,
    })
    if (!page) return null
    values.push(...page.rows.map((row) => String(row[field])))
    if (page.rows.length === 0 || values.length >= page.total) return values
  }
}

/** The first or last day with a purchase. */
async function endDay(store: Lister, dir: 1 | -1): Promise<string | null> {
  const page = await store.list(collection('gold_daily'), {
    sort: { field: 'jour', dir },
    filter: {},
    offset: 0,
    limit: 1,
  })
  const day = page?.rows[0]?.jour
  return typeof day === 'string' ? day : null
}

export async function salesFilters(store: Lister): Promise<SalesFilters | null> {
  const [pays, produit, from, to] = await Promise.all([
    allValues(store, 'gold_by_country', 'pays'),
    allValues(store, 'gold_by_product', 'produit'),
    endDay(store, 1),
    endDay(store, -1),
  ])
  if (!pays || !produit || !from || !to) return null
  return { pays, produit, from, to }
}
