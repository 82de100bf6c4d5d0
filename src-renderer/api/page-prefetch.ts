/**
 * The data the page a URL opens asks for first, asked for by the shell before the page's chunk has
 * arrived: the chunk's download and the data's then overlap instead of following one another (with the
 * pages split, a page's queries could only start once its code had loaded). The queries are the pages' own
 * (same keys), so the page finds the answers in the cache.
 */
import type { QueryClient } from '@tanstack/react-query'
import { appInfoQuery } from './app-hooks.ts'
import type { MedallionClient } from './client.ts'
import { kpisQuery, monthlyQuery, storeStatusQuery } from './hooks.ts'
import { SCORE_SAMPLE_INPUT, SEGMENTS_INPUT, tableQuery } from './insights-hooks.ts'

type QueryStarter = (queryClient: QueryClient, client: MedallionClient) => Promise<unknown>

/** What every page of served gold waits for before its own calls (useServingProblem): status and KPIs. */
const SERVING: readonly QueryStarter[] = [
  (q, c) => q.prefetchQuery(storeStatusQuery(c)),
  (q, c) => q.prefetchQuery(kpisQuery(c)),
]

const FIRST_QUERIES: Readonly<Record<string, readonly QueryStarter[]>> = {
  overview: [
    ...SERVING,
    (q, c) => q.prefetchQuery(appInfoQuery(c)),
    (q, c) => q.prefetchQuery(monthlyQuery(c)),
  ],
  sales: SERVING,
  cohorts: SERVING,
  customers: [
    ...SERVING,
    (q, c) => q.prefetchQuery(tableQuery(c, SEGMENTS_INPUT)),
    (q, c) => q.prefetchQuery(tableQuery(c, SCORE_SAMPLE_INPUT)),
  ],
}

/** Starts the first queries of `page` (an id of App's routes); pages without a list start nothing. */
export function prefetchPageData(page: string, queryClient: QueryClient, client: MedallionClient): void {
  // prefetchQuery never rejects: a failure is the page's query to show when it mounts.
  for (const start of FIRST_QUERIES[page] ?? []) void start(queryClient, client)
}
