/** Cohorts: new clients and their revenue per first-purchase month, and how each cohort comes back. */

import { CohortBarsPanel } from '../components/insights/cohorts/CohortBarsPanel.tsx'
import { RetentionPanel } from '../components/insights/cohorts/RetentionPanel.tsx'
import { InsightsPage } from '../components/insights/InsightsPage.tsx'
import './cohorts.css'

export function CohortsPage() {
  return (
    <InsightsPage
      title="Cohorts"
      intro="Clients grouped by the month of their first purchase: how many, what they spent, who came back."
    >
      <div className="insights-pair">
        <CohortBarsPanel measure="clients" />
        <CohortBarsPanel measure="ca" />
      </div>
      <RetentionPanel />
    </InsightsPage>
  )
}
