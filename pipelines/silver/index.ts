/** Silver: cleans both sources, purchases against the cleaned clients, and gathers one rejects table. */
import pl from 'nodejs-polars'
import { cleanAchats } from './achats.ts'
import { cleanClients } from './clients.ts'
import type { SilverOptions } from './silver-options.ts'

export type { SilverOptions } from './silver-options.ts'

export interface SilverResult {
  clients: pl.DataFrame
  achats: pl.DataFrame
  rejects: pl.DataFrame
  quality: { clients: Record<string, number>; achats: Record<string, number> }
}

export function buildSilver(
  bronze: { clients: pl.DataFrame; achats: pl.DataFrame },
  options: SilverOptions,
): SilverResult {
  const clients = cleanClients(bronze.clients, options)
  const achats = cleanAchats(bronze.achats, clients.clean.getColumn('id_client'), options)
  return {
    clients: clients.clean,
    achats: achats.clean,
    rejects: pl.concat([clients.rejects, achats.rejects], { how: 'vertical' }),
    quality: { clients: clients.quality, achats: achats.quality },
  }
}
