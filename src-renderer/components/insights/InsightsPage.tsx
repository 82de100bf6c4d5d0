/**
 * The frame of the Sales, Customers and Cohorts pages: the title, which store serves, and a banner instead of
 * the content when the store does not answer or has nothing published (the banner says what to do).
 */
import type { ReactNode } from 'react'
import { useKpis, useStoreStatus } from '../../api/hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { ServingBanner, type ServingProblem, StoreStatusLine } from '../StoreStatus.tsx'
import './insights.css'

export function InsightsPage({
  title,
  intro,
  children,
}: {
  title: string
  intro: string
  children: ReactNode
}) {
  const status = useStoreStatus()
  // The KPIs are one small cached read (shared with the Overview) that says whether anything is published.
  const kpis = useKpis()
  const health = status.data
  let problem: ServingProblem | null = null
  if (health && !health.ok) problem = 'unreachable'
  else if (kpis.data === null) problem = 'unpublished'
  const ready = health?.ok === true && kpis.data != null
  return (
    <div className="page" data-testid={`page-${title.toLowerCase()}`}>
      <div className="page-head">
        <h1>{title}</h1>
        {health ? <StoreStatusLine health={health} /> : null}
      </div>
      <p className="muted page-intro">{intro}</p>
      {problem ? <ServingBanner problem={problem} health={health} /> : null}
      <ErrorNote error={problem === 'unreachable' ? null : (status.error ?? kpis.error)} />
      {/* The page's own calls start once the store is known to answer with published gold. */}
      {ready ? children : null}
    </div>
  )
}
