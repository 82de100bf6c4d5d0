/**
 * Dashboard data beyond the original routes: filtered sales, one client in detail, cohort retention (issue 5),
 * the names of a page of clients (issue 15).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-insights.ts.
 * Cohort retention itself is a gold table served like the others: `data.table` with route 'retention'.
 */
import { z } from 'zod'
import { call, EmptyInput } from './call.ts'
import type { Row } from './contract.ts'
import { MAX_CLIENT_NAMES } from './names-insights.ts'
import { SALES_FILTER_MAX } from './values.ts'

export { SALES_FILTER_MAX }

/** How `data.sales` groups the selected purchases. */
export const SALES_GRAINS = ['month', 'week', 'day', 'country', 'product', 'basket'] as const
export type SalesGrain = (typeof SALES_GRAINS)[number]

/** A calendar day 'YYYY-MM-DD' that exists (2024-02-30 is refused). */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((day) => {
    // Zod runs this even after the pattern failed: parse defensively.
    const time = Date.parse(`${day}T00:00:00Z`)
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day)
  }, 'a day that exists')

const FilterValues = z.array(z.string().min(1).max(128)).max(SALES_FILTER_MAX)

export const SalesInput = z
  .object({
    /** First day included (the purchase's calendar day, naive UTC); none = from the first purchase. */
    from: Day.optional(),
    /** Last day included; none = up to the last purchase. */
    to: Day.optional(),
    /** Keep purchases of these countries only (fact `pays`, 'Inconnu' included); none or empty = all. */
    pays: FilterValues.optional(),
    /** Keep purchases of these products only (fact `produit`); none or empty = all. */
    produit: FilterValues.optional(),
    grain: z.enum(SALES_GRAINS),
  })
  .strict()
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: 'from must not be after to',
    path: ['from'],
  })
export type SalesFilter = z.output<typeof SalesInput>

/** One group of the selected purchases. */
export interface SalesRow {
  /**
   * month: 'YYYY-MM'; week: the Monday starting it, 'YYYY-MM-DD'; day: 'YYYY-MM-DD'; country: `pays`;
   * product: `produit`; basket: the amount bin's label as gold's distribution prints it, e.g. '(9.53, 50.851]'.
   */
  key: string
  /** Revenue: sum of `montant`. */
  ca: number
  /** Purchases. */
  nb_achats: number
  /** Distinct clients with a purchase in the group; null for the week and basket grains (not counted). */
  clients: number | null
  /** basket only: the bin (0-based, numeric order) and its edges, the interval (lower, upper]. */
  bin?: number
  lower?: number
  upper?: number
}

export interface SalesResult {
  grain: SalesGrain
  /**
   * month/week/day: ascending by key, only groups with purchases; country/product: largest revenue first,
   * key ascending on ties; basket: every bin of gold's distribution in bin order, empty ones with 0.
   */
  rows: SalesRow[]
  /** Over the whole selection: revenue, purchases, distinct clients. */
  totals: { ca: number; nb_achats: number; clients: number }
}

/** What the sales filters may choose from: the fact table's countries, products and date range. */
export interface SalesFilters {
  /** Ascending. */
  pays: string[]
  /** Ascending. */
  produit: string[]
  /** First and last purchase day, 'YYYY-MM-DD'. */
  from: string
  to: string
}

const ClientId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const ClientInput = z.object({ id_client: ClientId }).strict()

/** One client's rows from the served collections; a part is null when that collection has no row for them. */
export interface ClientDetail {
  /** gold_dim_clients (null only when the client is known elsewhere but not there). */
  dim: Row | null
  /** gold_client_features: null for a client without a valid purchase. */
  features: Row | null
  /** gold_client_scores: null for a client without a valid purchase. */
  scores: Row | null
  /** The model's predictions for the client once a predictions collection is served (issue 6); else null. */
  predictions: Row | null
}

export const ClientNamesInput = z.object({ ids: z.array(ClientId).min(1).max(MAX_CLIENT_NAMES) }).strict()

/** Who a client is, as tables name them (gold_dim_clients' name and country). */
export interface ClientName {
  id_client: number
  nom: string
  pays: string
}

export const insightsCalls = {
  /** Purchases of the fact table, filtered then grouped by `grain`; null when nothing is published. */
  'data.sales': call<typeof SalesInput, SalesResult | null>(SalesInput),
  /** The choices of the sales filters; null when nothing is published. */
  'data.filters': call<typeof EmptyInput, SalesFilters | null>(EmptyInput),
  /** One client in detail; error code 'not_found' when no collection knows the id. */
  'data.client': call<typeof ClientInput, ClientDetail | null>(ClientInput),
  /**
   * The name and country of up to MAX_CLIENT_NAMES clients in one call (a table's page), in the order
   * asked, unknown ids left out; null when nothing is published. Personal data: over HTTP, owner only.
   */
  'data.clientNames': call<typeof ClientNamesInput, ClientName[] | null>(ClientNamesInput),
} as const
