/** The selection's headline figures (same cards as the Overview's), from `data.sales` totals. */
import type { SalesResult } from '../../../../src-preload/contract-insights.ts'
import type { KpiCardSpec } from '../../../pages/overview-format.ts'
import { KpiCard, KpiCardPlaceholder } from '../../KpiCard.tsx'

function cards(filtered: boolean): KpiCardSpec[] {
  const of = filtered ? 'the selected purchases' : 'every purchase'
  return [
    { key: 'total_ca', label: 'Revenue', kind: 'money', hint: `Sum of ${of}` },
    {
      key: 'total_achats',
      label: 'Purchases',
      kind: 'count',
      hint: filtered ? 'Matching the filters' : 'Kept by silver',
    },
    { key: 'total_clients', label: 'Clients', kind: 'count', hint: `Distinct buyers of ${of}` },
    { key: 'panier_moyen', label: 'Average basket', kind: 'money', hint: 'Revenue ÷ purchases' },
  ]
}

export function SalesTotals({
  totals,
  filtered,
}: {
  totals: SalesResult['totals'] | undefined
  filtered: boolean
}) {
  const specs = cards(filtered)
  if (!totals) {
    return (
      <div className="kpi-grid">
        {specs.map((spec) => (
          <KpiCardPlaceholder key={spec.key} spec={spec} />
        ))}
      </div>
    )
  }
  const values = {
    total_ca: totals.ca,
    total_achats: totals.nb_achats,
    total_clients: totals.clients,
    panier_moyen: totals.nb_achats > 0 ? totals.ca / totals.nb_achats : null,
  }
  return (
    <div className="kpi-grid" data-testid="sales-totals">
      {specs.map((spec) => (
        <KpiCard key={spec.key} spec={spec} value={values[spec.key as keyof typeof values]} />
      ))}
    </div>
  )
}
