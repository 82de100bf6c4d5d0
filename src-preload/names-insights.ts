/** Call names of one area of the contract (no zod: the preload bundles these). Dashboard data beyond the original routes: filtered sales, one client in detail, cohort retention (issue 5). */
export const INSIGHTS_CALLS = ['data.sales', 'data.filters', 'data.client', 'data.clientNames'] as const

/** Clients `data.clientNames` names in one call: a page of a table, with room to spare. */
export const MAX_CLIENT_NAMES = 500
