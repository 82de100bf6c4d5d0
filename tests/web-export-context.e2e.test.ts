/**
 * Exports carry their context (issue 15), in headless Chromium on the web-mode UI over a real run, en-US:
 * under a country filter, the Sales page's "Revenue by product" exports name the country and the run in
 * the figure's title (the SVG, from which the PNG is drawn) and in the files' names; a chart's CSV is
 * headed by the labels on screen; "Export all rows" of a Customers table downloads every client of the
 * chosen segment — parsed back and compared with Polars reading gold's client_scores — under the table's
 * headers, and the CLI/API's export of the same table keeps the field names.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { Download, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import type { SalesFilters, SalesResult } from '../src-preload/contract-insights.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { bearer } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'

const WAIT = { timeout: 20_000 }
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

async function exportChart(page: Page, name: string, format: 'png' | 'svg' | 'csv'): Promise<Download> {
  const menu = page.getByTestId(`export-${name}`)
  await menu.locator('summary').click()
  const [download] = await Promise.all([
    page.waitForEvent('download', WAIT),
    menu.locator(`[data-export="${format}"]`).click(),
  ])
  return download
}

const bytesOf = async (download: Download) => readFileSync((await download.path()) as string)

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `exports with their context (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-web-export-context-')
    const core = testCore(dataDir)
    let run: RunRecord
    const web = servedWebApp(core, async () => {
      await core.sources.generate({ clients: 300, seed: 7 }).done
      run = await core.pipeline.start({ from: 'bronze' }).done
    })

    it('under a country filter, the product chart’s title and file names name the country and the run', async () => {
      const filters = unwrap(await dispatch(core.handlers, 'data.filters', {})) as SalesFilters | null
      const country = filters?.pays[0] as string
      const slug = country.toLowerCase().replace(/[^a-z0-9]+/g, '-')
      const { context, page, problems } = await openCheckedPage(web.browser, signedInUrl(web.api, '/#/sales'))
      try {
        await page.getByTestId('sales-product-chart').waitFor(WAIT)
        await page.locator('[data-testid="pick-countries"] summary').click()
        await page.getByRole('checkbox', { name: country }).check()
        await page.getByTestId('filter-summary').filter({ hasText: country }).waitFor(WAIT)
        await page.keyboard.press('Escape')
        await page
          .getByTestId('sales-product-chart')
          .locator('..')
          .screenshot({ path: join(ARTIFACTS, 'export-sales-filtered.png') })

        const fileName = new RegExp(`^sales-by-product-${slug}-${run.runId}-\\d{8}-\\d{6}\\.(png|svg|csv)$`)
        const title = `Revenue by product — ${country} · run ${run.runId}`

        const svg = await exportChart(page, 'sales-by-product', 'svg')
        expect(svg.suggestedFilename()).toMatch(fileName)
        const svgText = (await bytesOf(svg)).toString('utf8')
        // The figure's first text is its title (the chart's own texts follow).
        const firstText = /<text[^>]*>([^<]*)<\/text>/.exec(svgText)?.[1]
        expect(firstText).toBe(title)

        // The PNG is drawn from that composition (twice its width, which the title may widen); its name
        // carries the same context.
        const png = await exportChart(page, 'sales-by-product', 'png')
        expect(png.suggestedFilename()).toMatch(fileName)
        const pngBytes = await bytesOf(png)
        expect([...pngBytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
        const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svgText)?.[1])
        expect(pngBytes.readUInt32BE(16)).toBe(2 * svgWidth)

        // The CSV: the on-screen labels as headers, the filtered rows.
        const csv = await exportChart(page, 'sales-by-product', 'csv')
        expect(csv.suggestedFilename()).toMatch(fileName)
        const lines = (await bytesOf(csv)).toString('utf8').trimEnd().split('\r\n')
        expect(lines[0]).toBe('Product,Revenue,Purchases,Clients')
        const sales = unwrap(
          await dispatch(core.handlers, 'data.sales', { grain: 'product', pays: [country] }),
        ) as SalesResult | null
        expect(lines.length - 1).toBe(sales?.rows.length)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('"Export all rows" of a Customers table has every client of the segment, under the table’s headers', async () => {
      const scores = pl.readParquet(join(dataDir, 'lake', run.layers.gold as string, 'client_scores.parquet'))
      const segments = scores.getColumn('segment_label').valueCounts().sort('count', true)
      const segment = String(segments.getColumn('segment_label').get(0))
      const expected = scores
        .filter(pl.col('segment_label').eq(pl.lit(segment)))
        .sort('value_at_risk_12m', true)
      // More than one page of 20: the export is the whole result, not the page shown.
      expect(expected.height).toBeGreaterThan(20)

      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/customers'),
      )
      try {
        const table = page.getByTestId('top-at-risk')
        await table.locator('tbody tr').first().waitFor(WAIT)
        await page.getByTestId('top-at-risk-segment').selectOption(segment)
        const button = table.getByRole('button', {
          name: `Export all rows (${expected.height.toLocaleString('en-US')} rows)`,
        })
        await button.waitFor(WAIT)
        await table.screenshot({ path: join(ARTIFACTS, 'export-all-rows.png') })
        const [download] = await Promise.all([page.waitForEvent('download', WAIT), button.click()])
        const slug = segment.toLowerCase().replace(/[^a-z0-9]+/g, '-')
        expect(download.suggestedFilename()).toMatch(
          new RegExp(`^top-at-risk-${slug}-${run.runId}-\\d{8}-\\d{6}\\.csv$`),
        )
        const text = (await bytesOf(download)).toString('utf8')
        const headers = [
          'Client',
          'Segment',
          'Value at risk (12 m)',
          'Probability of purchase (12 m)',
          'Days since last purchase',
          'Purchases (12 m)',
          'Spend (12 m)',
        ]
        // The table's headers on screen, in the CSV's order.
        const shown = (await table.locator('thead th').allTextContents()).join(' | ')
        for (const header of headers) expect(shown).toContain(header)
        expect(text.split('\r\n')[0]).toBe(headers.join(','))
        const csv = pl.readCSV(text, { inferSchemaLength: 0 })
        expect(csv.height).toBe(expected.height)
        expect(
          csv
            .getColumn('Client')
            .toArray()
            .map(Number)
            .sort((a, b) => a - b),
        ).toEqual(
          expected
            .getColumn('id_client')
            .toArray()
            .map(Number)
            .sort((a, b) => a - b),
        )
        expect(new Set(csv.getColumn('Segment').toArray())).toEqual(new Set([segment]))
        expect(csv.getColumn('Value at risk (12 m)').toArray().map(Number)).toEqual(
          expected.getColumn('value_at_risk_12m').toArray(),
        )
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }

      // The API's export of the same table keeps the field names.
      const api = await fetch(`${web.api.url}/export/gold/client_scores.csv?run=${run.runId}`, {
        headers: bearer(web.api.token),
      })
      expect(api.status).toBe(200)
      expect((await api.text()).split('\r\n')[0]?.split(',')).toEqual(scores.columns)
    }, 120_000)
  },
)
