/**
 * Whether the serving store can show anything, for every page that reads served gold: unreachable (the
 * banner says how to fix or switch), nothing published yet, or ready. One answer for the Overview and the
 * insights pages, from the store's status and the (small, cached) KPIs.
 */
import type { ServingProblem } from '../components/StoreStatus.tsx'
import { useKpis, useStoreStatus } from './hooks.ts'

export function useServingProblem() {
  const status = useStoreStatus()
  const kpis = useKpis()
  const health = status.data
  let problem: ServingProblem | null = null
  if (health && !health.ok) problem = 'unreachable'
  else if (kpis.data === null) problem = 'unpublished'
  // Once the banner explains the store, the calls that failed because of it add nothing.
  const callError = problem === 'unreachable' ? null : (status.error ?? kpis.error)
  const ready = health?.ok === true && kpis.data != null
  return { health, problem, callError, ready, kpis }
}
