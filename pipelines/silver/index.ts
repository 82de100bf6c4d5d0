/** Silver: cleans both sources, purchases against the cleaned clients, and gathers one rejects table. */
import pl from 'nodejs-polars'
import type { TableFrame } from '../table-frame.ts'
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

/**
 * `malformed` are the lines bronze set aside for their field count (rejects already): they join the
 * rejects table and the counters, so every line read is counted once.
 */
export function buildSilver(
  bronze: { clients: TableFrame; achats: TableFrame },
  options: SilverOptions,
  malformed?: { clients: pl.DataFrame; achats: pl.DataFrame },
): SilverResult {
  const clients = cleanClients(bronze.clients, options)
  const achats = cleanAchats(bronze.achats, clients.clean.getColumn('id_client'), options)
  const withMalformed = (quality: Record<string, number>, lines: pl.DataFrame | undefined) =>
    lines && lines.height > 0
      ? {
          ...quality,
          initial_rows: (quality.initial_rows ?? 0) + lines.height,
          dropped_wrong_field_count: lines.height,
        }
      : quality
  return {
    clients: clients.clean,
    achats: achats.clean,
    rejects: pl.concat(
      [inLineOrder(clients.rejects, malformed?.clients), inLineOrder(achats.rejects, malformed?.achats)],
      {
        how: 'vertical',
      },
    ),
    quality: {
      clients: withMalformed(clients.quality, malformed?.clients),
      achats: withMalformed(achats.quality, malformed?.achats),
    },
  }
}

/** A source's rejects with the lines bronze set aside, in the file's line order. */
function inLineOrder(rejects: pl.DataFrame, lines: pl.DataFrame | undefined): pl.DataFrame {
  return lines && lines.height > 0
    ? pl.concat([rejects, lines], { how: 'vertical' }).sort('row_number')
    : rejects
}
