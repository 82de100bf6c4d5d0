/**
 * Dashboard data beyond the original routes: filtered sales, one client in detail, cohort retention (issue 5).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-insights.ts.
 */
export const insightsCalls = {} as const
