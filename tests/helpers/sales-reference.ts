/**
 * `data.sales` computed the plain way, row by row over gold's fact table, to check the stores against: the
 * purchase day from `date_achat` itself, weeks by counting days since a known Monday, bins by gold's
 * distribution intervals (lower, upper]. Also a few filters worth asking, picked from the fact.
 */

import type pl from 'nodejs-polars'
import { expect } from 'vitest'
import {
  SALES_GRAINS,
  type SalesFilter,
  type SalesGrain,
  type SalesResult,
  type SalesRow,
} from '../../src-preload/contract-insights.ts'

export interface FactRow {
  id_client: number
  day: string
  montant: number
  pays: string
  produit: string
}

export function factRows(fact: pl.DataFrame): FactRow[] {
  const records = fact.select('id_client', 'date_achat', 'montant', 'pays', 'produit').toRecords()
  return records.map((r) => ({
    id_client: Number(r.id_client),
    day: (r.date_achat as unknown as Date).toISOString().slice(0, 10),
    montant: Number(r.montant),
    pays: String(r.pays),
    produit: String(r.produit),
  }))
}

/** 1970-01-05 was a Monday. */
function weekStart(day: string): string {
  const days = Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000)
  const monday = days - ((((days - 4) % 7) + 7) % 7)
  return new Date(monday * 86_400_000).toISOString().slice(0, 10)
}

interface Bin {
  bin: number
  bucket: string
  lower: number
  upper: number
}

export function referenceSales(rows: FactRow[], distribution: Bin[], filter: SalesFilter): SalesResult {
  const kept = rows.filter(
    (r) =>
      (!filter.from || r.day >= filter.from) &&
      (!filter.to || r.day <= filter.to) &&
      (!filter.pays?.length || filter.pays.includes(r.pays)) &&
      (!filter.produit?.length || filter.produit.includes(r.produit)),
  )
  const keyOf: Record<SalesFilter['grain'], (r: FactRow) => string> = {
    month: (r) => r.day.slice(0, 7),
    week: (r) => weekStart(r.day),
    day: (r) => r.day,
    country: (r) => r.pays,
    product: (r) => r.produit,
    basket: (r) => {
      const bin = distribution.find((b) => r.montant > b.lower && r.montant <= b.upper)
      if (!bin) throw new Error(`amount ${r.montant} is in no bin`)
      return bin.bucket
    },
  }
  const groups = new Map<string, { ca: number; n: number; clients: Set<number> }>()
  for (const r of kept) {
    const key = keyOf[filter.grain](r)
    const group = groups.get(key) ?? { ca: 0, n: 0, clients: new Set<number>() }
    group.ca += r.montant
    group.n += 1
    group.clients.add(r.id_client)
    groups.set(key, group)
  }
  const counted = filter.grain !== 'week' && filter.grain !== 'basket'
  const row = (key: string): SalesRow => {
    const g = groups.get(key)
    return { key, ca: g?.ca ?? 0, nb_achats: g?.n ?? 0, clients: counted ? (g?.clients.size ?? 0) : null }
  }
  let result: SalesRow[]
  if (filter.grain === 'basket') {
    result = distribution.map((b) => ({ ...row(b.bucket), bin: b.bin, lower: b.lower, upper: b.upper }))
  } else {
    result = [...groups.keys()].sort().map(row)
    if (filter.grain === 'country' || filter.grain === 'product') {
      result.sort((a, b) => b.ca - a.ca || (a.key < b.key ? -1 : 1))
    }
  }
  return {
    grain: filter.grain,
    rows: result,
    totals: {
      ca: kept.reduce((sum, r) => sum + r.montant, 0),
      nb_achats: kept.length,
      clients: new Set(kept.map((r) => r.id_client)).size,
    },
  }
}

/** Filters worth asking of this fact: none, a day range, two countries, two products, all together, none matching. */
export function sampleFilters(rows: FactRow[]): Omit<SalesFilter, 'grain'>[] {
  const days = [...new Set(rows.map((r) => r.day))].sort()
  const byCount = (field: 'pays' | 'produit') => {
    const counts = new Map<string, number>()
    for (const r of rows) counts.set(r[field], (counts.get(r[field]) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value)
  }
  const countries = byCount('pays')
  const products = byCount('produit')
  const from = days[Math.floor(days.length / 3)] as string
  const to = days[Math.floor((2 * days.length) / 3)] as string
  return [
    {},
    { from, to },
    { from },
    { pays: [countries[0] as string, countries.at(-1) as string] },
    { produit: products.slice(1, 3) },
    { from, to, pays: countries.slice(0, 3), produit: products.slice(0, 2) },
    { pays: ['No Such Country'] },
  ]
}

/**
 * Queries covering every grain and every sample filter without asking all their pairs (FerretDB takes
 * seconds per query): every grain unfiltered and under the combined filter, each other filter on one grain.
 */
export function sampleQueries(rows: FactRow[]): SalesFilter[] {
  const filters = sampleFilters(rows)
  const combined = filters.find((f) => f.from && f.to && f.pays && f.produit) ?? {}
  const others = filters.filter((f) => f !== combined && Object.keys(f).length > 0)
  return [
    ...SALES_GRAINS.flatMap((grain) => [{ grain }, { ...combined, grain }]),
    ...others.map((f, i) => ({ ...f, grain: SALES_GRAINS[i % SALES_GRAINS.length] as SalesGrain })),
  ]
}

/** The same answer, revenue sums equal up to float rounding (stores add in different orders). */
export function expectSameSales(actual: SalesResult | null, expected: SalesResult, label: string): void {
  const revenue = (r: { ca: number }) => r.ca
  const withoutRevenue = (result: SalesResult) => ({
    ...result,
    rows: result.rows.map((r) => ({ ...r, ca: 0 })),
    totals: { ...result.totals, ca: 0 },
  })
  expect(actual, label).not.toBeNull()
  const got = actual as SalesResult
  expect(withoutRevenue(got), label).toEqual(withoutRevenue(expected))
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
  got.rows.forEach((r, i) => {
    expect(close(revenue(r), revenue(expected.rows[i] as SalesRow)), `${label} ${r.key}: ${r.ca}`).toBe(true)
  })
  expect(close(got.totals.ca, expected.totals.ca), `${label} total ${got.totals.ca}`).toBe(true)
}
