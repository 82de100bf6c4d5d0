/**
 * Export names and titles with their context (issue 15): the file name carries the filters and the run,
 * made safe for any file system (accents dropped, separators and quotes removed) and bounded at a word;
 * the title reads "<title> — <filters> · run <id>"; long lists are cut with a count of the rest.
 */
import { describe, expect, it } from 'vitest'
import { sanitizeFileName } from '../src-preload/contract-files.ts'
import { EXPORT_SLUG_MAX, exportFileName } from '../src-preload/values.ts'
import {
  exportNameParts,
  exportTitle,
  filterText,
} from '../src-renderer/components/export/export-context.tsx'

const AT = new Date(2026, 11, 3, 6, 5, 9)
const RUN = '20261203T055012345Z-ab12'

describe('export file names', () => {
  it('add the filters, lower-cased and slugged, then the run as it is, before the time', () => {
    const parts = exportNameParts({ filters: ['France, Germany'], run: RUN })
    expect(exportFileName('sales-by-product', 'png', AT, parts)).toBe(
      `sales-by-product-france-germany-${RUN}-20261203-060509.png`,
    )
  })

  it('drop accents and anything a file system may refuse', () => {
    const parts = exportNameParts({ filters: ['Côte d’Ivoire / "Ísland"', '1 Jan 2025 – 30 Jun 2025'] })
    expect(exportFileName('sales-by-country', 'csv', AT, parts)).toBe(
      'sales-by-country-cote-d-ivoire-island-1-jan-2025-30-jun-2025-20261203-060509.csv',
    )
  })

  it('without context keep the name as before', () => {
    expect(exportFileName('monthly-revenue', 'svg', AT)).toBe('monthly-revenue-20261203-060509.svg')
    expect(exportFileName('***', 'csv', AT, ['///'])).toBe('export-20261203-060509.csv')
  })

  it('are bounded, cut between words', () => {
    const countries = Array.from({ length: 40 }, (_, i) => `country number ${i}`)
    const name = exportFileName('sales-by-product', 'png', AT, countries)
    const slug = name.replace(/-\d{8}-\d{6}\.png$/, '')
    const whole = ['sales-by-product', ...countries].join('-').replaceAll(' ', '-')
    expect(slug.length).toBeLessThanOrEqual(EXPORT_SLUG_MAX)
    expect(slug.length).toBeGreaterThan(EXPORT_SLUG_MAX - 12)
    // A prefix of the whole name that ends where a word ends.
    expect(whole.startsWith(slug)).toBe(true)
    expect(whole[slug.length]).toBe('-')
    // The window's save keeps it whole.
    expect(sanitizeFileName(name)).toBe(name)
  })
})

describe('export titles', () => {
  it('name the filters and the run after the title', () => {
    expect(exportTitle('Revenue by product', { filters: ['France, Germany'], run: RUN })).toBe(
      `Revenue by product — France, Germany · run ${RUN}`,
    )
    expect(exportTitle('Revenue per month', { filters: [], run: RUN })).toBe(`Revenue per month · run ${RUN}`)
    expect(exportTitle('Revenue per month', { filters: [] })).toBe('Revenue per month')
  })

  it('cut a long list of values, counting the rest', () => {
    expect(filterText(['A', 'B', 'C', 'D'])).toBe('A, B, C, D')
    expect(filterText(['A', 'B', 'C', 'D', 'E', 'F'])).toBe('A, B, C, D and 2 more')
  })
})
