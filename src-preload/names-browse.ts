/** Call names of one area of the contract (no zod: the preload bundles these). The data browser: any table of any kept run, or a MongoDB collection, paged, sorted, filtered, with stats and a streamed CSV export (issue 14). */
export const BROWSE_CALLS = [
  'data.browseTables',
  'data.browse',
  'data.browseStats',
  'data.browseExport',
] as const
