/**
 * The browsed source in the page's hash, so a link opens a table: `#/data?run=…&layer=silver&table=rejects`
 * or `#/data?collection=gold_client_scores` (no run: the current one).
 */

import type { Layer } from '../../../src-preload/contract.ts'
import type { BrowseSource } from '../../../src-preload/contract-browse.ts'
import { LAYERS } from '../../../src-preload/values.ts'

export function sourceFromHash(hash: string): BrowseSource | undefined {
  const q = hash.indexOf('?')
  if (q === -1) return undefined
  const search = new URLSearchParams(hash.slice(q + 1))
  const collection = search.get('collection')
  if (collection) return { collection }
  const layer = search.get('layer')
  const table = search.get('table')
  if (!layer || !table || !(LAYERS as readonly string[]).includes(layer)) return undefined
  const run = search.get('run')
  return { ...(run ? { run } : {}), layer: layer as Layer, table }
}

export function hashOfSource(source: BrowseSource | undefined): string {
  if (!source) return '#/data'
  const search = new URLSearchParams(
    'collection' in source
      ? { collection: source.collection }
      : { ...(source.run ? { run: source.run } : {}), layer: source.layer, table: source.table },
  )
  return `#/data?${search.toString()}`
}
