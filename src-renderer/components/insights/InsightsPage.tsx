/**
 * The frame of the Sales, Customers and Cohorts pages: the title, which store serves, and a banner instead of
 * the content when the store does not answer or has nothing published (the banner says what to do).
 */

import type { ReactNode } from 'react'
import { useServingProblem } from '../../api/serving-problem.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { ExportScope } from '../export/export-context.tsx'
import { ServingBanner, StoreStatusLine } from '../StoreStatus.tsx'
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
  const { health, problem, callError, ready } = useServingProblem()
  return (
    <div className="page" data-testid={`page-${title.toLowerCase()}`}>
      <div className="page-head">
        <h1>{title}</h1>
        {health ? <StoreStatusLine health={health} /> : null}
      </div>
      <p className="muted page-intro">{intro}</p>
      {problem ? <ServingBanner problem={problem} health={health} /> : null}
      <ErrorNote error={callError} />
      {/* The page's own calls start once the store is known to answer with published gold. */}
      {/* Its exports name the run whose gold is served. */}
      {ready ? <ExportScope run={health?.runId}>{children}</ExportScope> : null}
    </div>
  )
}
