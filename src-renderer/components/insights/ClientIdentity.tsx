/** A client's name and country beside their id in a table, once known (`useClientIdentities`). */
import type { ClientName } from '../../../src-preload/contract-insights.ts'
import './ClientIdentity.css'

export function ClientIdentity({ identity }: { identity: ClientName | undefined }) {
  if (!identity) return null
  return (
    <span className="client-identity" data-testid="client-identity">
      {identity.nom}
      <span className="muted"> · {identity.pays}</span>
    </span>
  )
}
