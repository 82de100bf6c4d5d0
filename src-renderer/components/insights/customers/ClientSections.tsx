/** One client's figures, section by section; a part the store has no row for says why. */

import type { Row } from '../../../../src-preload/contract.ts'
import type { ClientDetail } from '../../../../src-preload/contract-insights.ts'
import { CLIENT_SECTIONS, type ClientField, formatField, PREDICTION_FIELDS } from './client-fields.ts'

function Fields({ row, fields }: { row: Row; fields: readonly ClientField[] }) {
  return (
    <dl className="client-drawer-fields">
      {fields.map((field) => (
        <div key={field.field} data-field={field.field} data-value={String(row[field.field] ?? '')}>
          <dt>{field.label}</dt>
          <dd>{formatField(row, field)}</dd>
        </div>
      ))}
    </dl>
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
              <Fields row={row} fields={section.fields} />
            ) : (
              <p className="muted">No purchase yet, so nothing to show here.</p>
            )}
          </section>
        )
      })}
      {detail.predictions ? (
        <section className="client-drawer-section" data-part="predictions">
          <h3>Model predictions</h3>
          <Fields row={detail.predictions} fields={PREDICTION_FIELDS} />
        </section>
      ) : null}
    </>
  )
}
