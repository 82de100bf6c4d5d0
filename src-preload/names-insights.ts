/** Call names of one area of the contract (no zod: the preload bundles these). Dashboard data beyond the original routes: filtered sales, one client in detail, cohort retention (issue 5). */
export const INSIGHTS_CALLS = ['data.sales', 'data.filters', 'data.client'] as const
