/** The latest advisor: its clusters with what to do, and the clients to contact first. */
import type { ContactClient, MlRunRecord, SegmentProfile } from '../../../src-preload/contract-ml.ts'
import { WINBACK_AFTER_DAYS } from '../../../src-preload/names-ml.ts'
import { useClientIdentities } from '../../api/insights-hooks.ts'
import { formatMoney } from '../../pages/overview-format.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import { ADVISOR_CONTACT_LABELS, ADVISOR_SEGMENT_LABELS, catalogColumns } from '../export/column-labels.ts'
import { ClientIdentity } from '../insights/ClientIdentity.tsx'
import { formatDecimal, formatWholeShare } from '../insights/format.ts'
import { MlflowRunLink } from './MlflowRunLink.tsx'
import { formatMetric } from './ml-format.ts'
import { SegmentRevenueChart } from './SegmentRevenueChart.tsx'
import { TablePanel } from './TablePanel.tsx'

/** A segment flattened for the table and its CSV: label counts and actions as text. */
interface SegmentRow extends Omit<SegmentProfile, 'labels' | 'actions'> {
  labels: string
  actions: string
}

/** A client to contact with their name and country, as the table shows them and the CSV holds them. */
type ContactRow = ContactClient & { nom: string; pays: string }

const SEGMENT_COLUMNS = catalogColumns<SegmentRow>(ADVISOR_SEGMENT_LABELS)
const CONTACT_COLUMNS = catalogColumns<ContactRow>(ADVISOR_CONTACT_LABELS)
const S = ADVISOR_SEGMENT_LABELS
const C = ADVISOR_CONTACT_LABELS

function segmentRow(s: SegmentProfile): SegmentRow {
  return {
    ...s,
    labels: Object.entries(s.labels)
      .map(([label, n]) => `${label} ${n}`)
      .join(', '),
    actions: s.actions.join('; '),
  }
}

export function AdvisorSummary({ run }: { run: MlRunRecord }) {
  const segments = (run.segments ?? []).map(segmentRow)
  const identities = useClientIdentities((run.contacts ?? []).map((c) => c.id_client))
  const contacts: ContactRow[] = (run.contacts ?? []).map((c) => ({
    ...c,
    nom: identities.get(c.id_client)?.nom ?? '',
    pays: identities.get(c.id_client)?.pays ?? '',
  }))
  return (
    <section className="ml-section" data-testid="ml-advisor">
      <TablePanel
        title={`Advisor: ${segments.length} segments`}
        name="advisor-segments"
        rows={segments}
        columns={SEGMENT_COLUMNS}
        aside={<MlflowRunLink run={run} />}
        intro={
          <p className="hint">
            Trained {formatDateTime(run.finishedAt)} on the gold of run <code>{run.dataVersion}</code>,
            silhouette {formatMetric(run.metrics.silhouette)} on the scaled features. Each cluster is named
            after the RFM segment most of its clients are in on the Customers page (their share in brackets);
            clusters sharing one are told apart by what differs most between them.
          </p>
        }
        head={
          <>
            <th>{S.cluster}</th>
            <th>{S.label} (share)</th>
            <th className="num">{S.size}</th>
            <th className="num">{S.revenue_total}</th>
            <th className="num">{S.frequency_avg}</th>
            <th className="num">{S.recency_avg}</th>
            <th>{S.actions}</th>
          </>
        }
      >
        {segments.map((s) => (
          <tr key={s.cluster} data-cluster={s.cluster}>
            <td>{s.cluster}</td>
            <td title={s.labels}>
              {s.label}
              {s.segment_share === undefined ? null : ` (${formatWholeShare(s.segment_share)})`}
            </td>
            <td className="num">{s.size}</td>
            <td className="num">{formatMoney(s.revenue_total)}</td>
            <td className="num">{formatDecimal(s.frequency_avg)}</td>
            <td className="num">{formatDecimal(s.recency_avg)}</td>
            <td>{s.actions}</td>
          </tr>
        ))}
      </TablePanel>
      <div className="ml-grid">
        <SegmentRevenueChart segments={run.segments ?? []} />
        <TablePanel
          title="Contact first"
          name="advisor-contacts"
          rows={contacts}
          columns={CONTACT_COLUMNS}
          intro={
            <p className="hint">
              Lapsed clients worth winning back (A relancer, then Dormants, by spend; none who bought in the
              last {WINBACK_AFTER_DAYS} days), then the VIPs to thank.
            </p>
          }
          head={
            <>
              <th>{C.id_client}</th>
              <th>{C.label}</th>
              <th className="num">{C.monetary_total}</th>
              <th className="num">{C.recency_days}</th>
              <th>{C.action}</th>
            </>
          }
        >
          {contacts.map((c) => (
            <tr key={`${c.label}-${c.id_client}`}>
              <td>
                {c.id_client}
                <ClientIdentity identity={identities.get(c.id_client)} />
              </td>
              <td>{c.label}</td>
              <td className="num">{formatMoney(c.monetary_total)}</td>
              <td className="num">{c.recency_days}</td>
              <td>{c.action}</td>
            </tr>
          ))}
        </TablePanel>
      </div>
    </section>
  )
}
