/** One client's figures, section by section; a part the store has no row for says why. */

import type { Row } from '../../../../src-preload/contract.ts'
import type { ClientDetail } from '../../../../src-preload/contract-insights.ts'
import { formatDecimal } from '../format.ts'
import { CLIENT_SECTIONS, formatField } from './client-fields.ts'

function Predictions({ row }: { row: Row }) {
  return (
    <section className="client-drawer-section">
      <h3>Model predictions</h3>
      <dl className="client-drawer-fields">
        {Object.entries(row)
          .filter(([field]) => field !== 'id_client')
          .map(([field, value]) => (
            <div key={field}>
              <dt>{field}</dt>
              <dd>{typeof value === 'number' ? formatDecimal(value) : String(value ?? '—')}</dd>
            </div>
          ))}
      </dl>
    </section>
  )
}

export function ClientSections({ detail }: { detail: ClientDetail }) {
  return (
    <>
      {CLIENT_SECTIONS.map((section) => {
        const row = detail[section.part]
        return (
          <section key={section.title} className="client-drawer-section" data-part={section.part}>
            <h3>{section.title}</h3>
            {row ? (
              <dl className="client-drawer-fields">
                {section.fields.map((field) => (
                  <div key={field.field} data-field={field.field} data-value={String(row[field.field] ?? '')}>
                    <dt>{field.label}</dt>
                    <dd>{formatField(row, field)}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted">No purchase yet, so nothing to show here.</p>
            )}
          </section>
        )
      })}
      {detail.predictions ? <Predictions row={detail.predictions} /> : null}
    </>
  )
}
