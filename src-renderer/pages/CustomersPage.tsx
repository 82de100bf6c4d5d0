/**
 * Customers: value by segment, the re-purchase probability spread, the top opportunities and the clients
 * at risk (sortable, filterable by segment, paged), recency against expected value, and a client's detail.
 */
import { useState } from 'react'
import { ClientDrawer } from '../components/insights/customers/ClientDrawer.tsx'
import { ProbabilityPanel } from '../components/insights/customers/ProbabilityPanel.tsx'
import { RecencyValuePanel } from '../components/insights/customers/RecencyValuePanel.tsx'
import { ScoresTablePanel } from '../components/insights/customers/ScoresTablePanel.tsx'
import { SegmentTablePanel } from '../components/insights/customers/SegmentTablePanel.tsx'
import { SegmentValuePanel } from '../components/insights/customers/SegmentValuePanel.tsx'
import { AT_RISK_COLUMNS, OPPORTUNITY_COLUMNS } from '../components/insights/customers/score-columns.ts'
import { InfoTip } from '../components/insights/InfoTip.tsx'
import { InsightsPage } from '../components/insights/InsightsPage.tsx'
import './customers.css'

const OPPORTUNITY_RULE =
  'Ranked by expected value over the next 12 months: average monthly spend (over the last 12 months, or since the first purchase when newer) × 12 × the re-purchase probability.'

const AT_RISK_RULE =
  'Ranked by value at risk: what the client spent in the last 12 months × (1 − re-purchase probability), the revenue lost if they do not come back. Clients with no purchase in 12 months have none left to lose and rank last.'

function CustomersContent() {
  const [openClient, setOpenClient] = useState<number | null>(null)
  return (
    <>
      <div className="insights-pair">
        <SegmentValuePanel />
        <ProbabilityPanel />
      </div>
      <SegmentTablePanel />
      <ScoresTablePanel
        title="Top opportunities"
        info={<InfoTip label="How opportunities are ranked">{OPPORTUNITY_RULE}</InfoTip>}
        name="top-opportunities"
        columns={OPPORTUNITY_COLUMNS}
        rankBy="expected_value_12m"
        onOpenClient={setOpenClient}
      />
      <ScoresTablePanel
        title="At risk"
        info={<InfoTip label="How at-risk clients are ranked">{AT_RISK_RULE}</InfoTip>}
        name="top-at-risk"
        columns={AT_RISK_COLUMNS}
        rankBy="value_at_risk_12m"
        onOpenClient={setOpenClient}
      />
      <RecencyValuePanel onOpenClient={setOpenClient} />
      {openClient === null ? null : (
        <ClientDrawer key={openClient} id={openClient} onClose={() => setOpenClient(null)} />
      )}
    </>
  )
}

export function CustomersPage() {
  return (
    <InsightsPage
      title="Customers"
      intro="Who is worth most over the next 12 months, and who may not come back."
    >
      <CustomersContent />
    </InsightsPage>
  )
}
