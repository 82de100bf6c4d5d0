/**
 * `data.sales`, defined once for every store. A store only groups the fact's purchases that match the
 * filter by one fact field (`SalesGroups`); everything else is here, so both stores give the same answer:
 * - the filter: days `from`..`to` inclusive on the purchase's calendar day, `pays`/`produit` in the lists;
 * - weeks are folded from days (the Monday starting each, as gold's weekly), basket bins from amounts
 *   (gold's distribution bins: its edges, right-closed), so neither needs date or bin arithmetic in a store;
 * - row order, and the totals.
 */
import type {
  SalesFilter,
  SalesGrain,
  SalesResult,
  SalesRow,
} from '../../../src-preload/contract-insights.ts'
import type { Row } from './serving-store.ts'

/** The fact fields a store groups by. */
export type SalesField = 'mois' | 'jour' | 'pays' | 'produit' | 'montant'

/** One group of matching purchases: its value of the grouped field, revenue, purchases, distinct clients. */
export interface SalesGroup {
  key: string | number | null
  ca: number
  nb_achats: number
  /** Counted only when asked for. */
  clients: number | null
}

/** What a store computes over the purchases matching the filter. */
export interface SalesSource {
  /** The purchases grouped by `by` (groups without a purchase left out), distinct clients counted if asked. */
  groups(by: SalesField, countClients: boolean): Promise<SalesGroup[]>
  /** Distinct clients among the purchases. */
  clients(): Promise<number>
  /** The rows (bin, bucket, lower, upper) of the distribution table of the same gold; null when absent. */
  distribution(): Promise<Row[] | null>
}

/** Which fact field each grain groups by, and whether its groups count distinct clients. */
const GRAIN_FIELDS: Record<SalesGrain, { by: SalesField; clients: boolean }> = {
  month: { by: 'mois', clients: true },
  day: { by: 'jour', clients: true },
  country: { by: 'pays', clients: true },
  product: { by: 'produit', clients: true },
  // Distinct clients per week or per bin would need a pass per client and day/amount: not counted.
  week: { by: 'jour', clients: false },
  basket: { by: 'montant', clients: false },
}

/** The key shown for a group whose field is empty (silver keeps none; a foreign gold might). */
export const NO_VALUE = '(none)'

/** The filter in one canonical form: lists sorted without repeats, an empty list the same as none. */
export function normalizeSalesFilter(filter: SalesFilter): SalesFilter {
  const list = (values: string[] | undefined) =>
    values && values.length > 0 ? [...new Set(values)].sort() : undefined
  const pays = list(filter.pays)
  const produit = list(filter.produit)
  return {
    grain: filter.grain,
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(pays ? { pays } : {}),
    ...(produit ? { produit } : {}),
  }
}

/** A cache key for a (normalized) filter. */
export function salesFilterKey(filter: SalesFilter): string {
  return JSON.stringify(normalizeSalesFilter(filter))
}

/** The Monday starting the week of a 'YYYY-MM-DD' day (weeks start on Monday, as gold's weekly). */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  const sinceMonday = (date.getUTCDay() + 6) % 7
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10)
}

/** A basket bin of gold's distribution table: its label and its right-closed interval (lower, upper]. */
export interface BasketBin {
  bin: number
  bucket: string
  lower: number
  upper: number
}

/** Gold's distribution rows as bins, in bin order. */
export function basketBins(rows: readonly Row[]): BasketBin[] {
  return rows
    .map((row) => ({
      bin: Number(row.bin),
      bucket: String(row.bucket),
      lower: Number(row.lower),
      upper: Number(row.upper),
    }))
    .sort((a, b) => a.bin - b.bin)
}

/**
 * The bin of an amount, as gold's distribution counts it: the number of inner edges strictly below the
 * amount. Gold's edges span every amount of the fact, so a filtered amount always falls inside; one
 * outside (a fact and a distribution of different runs) lands in the nearest end bin.
 */
export function binOf(amount: number, bins: readonly BasketBin[]): number {
  let bin = 0
  for (let i = 0; i < bins.length - 1; i++) if (amount > (bins[i] as BasketBin).upper) bin = i + 1
  return bin
}

function keyText(key: SalesGroup['key']): string {
  return key === null || key === '' ? NO_VALUE : String(key)
}

/** Sums groups into coarser ones (days into weeks, amounts into bins); distinct clients cannot be summed. */
function fold<K>(groups: readonly SalesGroup[], keyOf: (group: SalesGroup) => K): Map<K, SalesGroup> {
  const folded = new Map<K, SalesGroup>()
  for (const group of groups) {
    const key = keyOf(group)
    const into = folded.get(key)
    if (into) {
      into.ca += group.ca
      into.nb_achats += group.nb_achats
    } else folded.set(key, { key: null, ca: group.ca, nb_achats: group.nb_achats, clients: null })
  }
  return folded
}

function row(key: string, group: SalesGroup): SalesRow {
  return { key, ca: group.ca, nb_achats: group.nb_achats, clients: group.clients }
}

const byKey = (a: SalesRow, b: SalesRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
const largestFirst = (a: SalesRow, b: SalesRow) => b.ca - a.ca || byKey(a, b)

function basketRows(groups: readonly SalesGroup[], distribution: readonly Row[]): SalesRow[] {
  const bins = basketBins(distribution)
  const counted = fold(groups, (group) => binOf(Number(group.key), bins))
  return bins.map((bin) => {
    const group = counted.get(bin.bin) ?? { key: null, ca: 0, nb_achats: 0, clients: null }
    return { ...row(bin.bucket, group), bin: bin.bin, lower: bin.lower, upper: bin.upper }
  })
}

/**
 * The answer to `data.sales` from a store's groups. The caller has checked that gold is published; null
 * only when the basket grain finds no distribution table.
 */
export async function answerSales(filter: SalesFilter, source: SalesSource): Promise<SalesResult | null> {
  const { grain } = filter
  const { by, clients } = GRAIN_FIELDS[grain]
  const [grouped, distinctClients, distribution] = await Promise.all([
    source.groups(by, clients),
    source.clients(),
    grain === 'basket' ? source.distribution() : Promise.resolve([]),
  ])
  if (!distribution) return null
  let rows: SalesRow[]
  if (grain === 'basket') rows = basketRows(grouped, distribution)
  else if (grain === 'week') {
    rows = [...fold(grouped, (group) => mondayOf(String(group.key)))].map(([monday, group]) =>
      row(monday, group),
    )
    rows.sort(byKey)
  } else {
    rows = grouped.map((group) => row(keyText(group.key), group))
    rows.sort(grain === 'country' || grain === 'product' ? largestFirst : byKey)
  }
  // Every matching purchase is in exactly one group: the totals are the groups' sums.
  const whole = fold(grouped, () => 'all').get('all')
  return {
    grain,
    rows,
    totals: { ca: whole?.ca ?? 0, nb_achats: whole?.nb_achats ?? 0, clients: distinctClients },
  }
}
