/**
 * The data browser in headless Chromium on the web-mode UI over a real run (issue 14), as a person clicks:
 * open silver/achats, page through it and check every cell against Polars reading the same Parquet; sort
 * by a header with the mouse and with the keyboard; filter a column; open the stats; download the whole
 * filtered, sorted result (the browser's side of the one CSV export) and parse it back. On a data folder
 * with no run, the page says what to do.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { withBrowseExportDialog } from '../src-main/browse-export-dialog.ts'
import { BrowseService } from '../src-main/core/browse/browse-service.ts'
import { toJsonValue } from '../src-main/core/serving/json-values.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { expectCsvOf } from './helpers/browse-reference.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'
import { windowBindings } from './helpers/window-page.ts'

const WAIT = { timeout: 20_000 }

/** The grid's cells as the page shows them, row by row. */
async function gridCells(page: Page): Promise<string[][]> {
  return page
    .getByTestId('browse-grid')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))
}

/** Rows of a frame as the grid prints them: each value's JSON form as text, null as nothing. */
function shownCells(frame: pl.DataFrame): string[][] {
  return (frame.toRecords() as Record<string, unknown>[]).map((r) =>
    frame.columns.map((name) => {
      const value = toJsonValue(r[name])
      return value === null ? '' : String(value)
    }),
  )
}

async function expectCount(page: Page, text: string) {
  await page
    .getByTestId('browse-count')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor(WAIT)
}

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `the data browser in a browser (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-web-browse-')
    const core = testCore(dataDir)
    let run: RunRecord
    const web = servedWebApp(core, async () => {
      await core.sources.generate({ clients: 250, seed: 5, dirtyShare: 0.03 }).done
      run = await core.pipeline.start({ from: 'bronze' }).done
    })
    const emptyCore = testCore(tempDir('medallion-web-browse-empty-'))
    const emptyWeb = servedWebApp(emptyCore)

    it('pages through silver/achats, sorts, filters, shows stats and downloads the whole result', async () => {
      const achats = pl.readParquet(join(dataDir, 'lake', run.layers.silver as string, 'achats.parquet'))
      const total = achats.height.toLocaleString('en-US')
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/data?layer=silver&table=achats'),
      )
      try {
        await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor(WAIT)
        // Page by page: every cell equals the file's.
        await expectCount(page, `Rows 1–100 of ${total}`)
        expect(await gridCells(page)).toEqual(shownCells(achats.slice(0, 100)))
        await page.getByRole('button', { name: 'Next page' }).click()
        await expectCount(page, `Rows 101–200 of ${total}`)
        expect(await gridCells(page)).toEqual(shownCells(achats.slice(100, 100)))
        await page.getByRole('button', { name: 'Previous page' }).click()
        await expectCount(page, `Rows 1–100 of ${total}`)

        // Sort by amount with the mouse (ascending, then descending), then by id with the keyboard.
        const amount = page.getByRole('button', { name: 'montant', exact: true })
        await amount.click()
        await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'montant' }).waitFor(WAIT)
        await amount.click()
        await page.locator('th[aria-sort="descending"]').filter({ hasText: 'montant' }).waitFor(WAIT)
        await expectCount(page, `Rows 1–100 of ${total}`)
        expect(await gridCells(page)).toEqual(
          shownCells(achats.sort('montant', true, true, true).slice(0, 100)),
        )
        await page.getByRole('button', { name: 'id_achat', exact: true }).focus()
        await page.keyboard.press('Enter')
        await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'id_achat' }).waitFor(WAIT)
        await expectCount(page, `Rows 1–100 of ${total}`)
        expect(await gridCells(page)).toEqual(
          shownCells(achats.sort('id_achat', false, true, true).slice(0, 100)),
        )

        // Filter: the product contains "one" (Phone, Headphones), amounts above 200.
        await page.getByLabel('Filter produit').fill('one')
        await page.getByLabel('Filter produit').press('Enter')
        await page.getByLabel('Filter montant').fill('>200')
        await page.getByLabel('Filter montant').press('Enter')
        const kept = achats
          .filter(pl.col('produit').str.contains('one', true).and(pl.col('montant').gt(200)))
          .sort('id_achat', false, true, true)
        expect(kept.height).toBeGreaterThan(0)
        const shownKept = Math.min(100, kept.height)
        await expectCount(page, `Rows 1–${shownKept} of ${kept.height.toLocaleString('en-US')}`)
        expect(await gridCells(page)).toEqual(shownCells(kept.slice(0, 100)))

        // Stats of the filtered rows: Polars' own null counts, distinct counts, min and max.
        await page.getByRole('button', { name: 'Schema and stats' }).click()
        const stats = page.getByTestId('browse-stats')
        await stats
          .getByRole('heading', { name: `Schema and stats (${kept.height.toLocaleString('en-US')} rows)` })
          .waitFor(WAIT)
        const statRows = await stats
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
          )
        const expectedStats = kept.columns.map((name) => {
          const [bounds] = kept
            .select(pl.col(name).min().alias('min'), pl.col(name).max().alias('max'))
            .toRecords()
          const text = (v: unknown) => {
            const json = toJsonValue(v)
            return json === null ? '' : String(json)
          }
          return [
            name,
            statRows.find((r) => r[0] === name)?.[1] ?? '',
            kept.getColumn(name).nullCount().toLocaleString('en-US'),
            kept.getColumn(name).nUnique().toLocaleString('en-US'),
            text(bounds?.min),
            text(bounds?.max),
          ]
        })
        expect(statRows).toEqual(expectedStats)
        await page.screenshot({ path: join(ARTIFACTS, 'data-browser.png'), fullPage: true })

        // The whole filtered, sorted result, downloaded.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: /Export all as CSV/ }).click(),
        ])
        // Named after the table, its filters and the run browsed (issue 15).
        expect(download.suggestedFilename()).toMatch(
          new RegExp(`^silver-achats-produit-contains-one-montant-gt-200-${run.runId}-\\d{8}-\\d{6}\\.csv$`),
        )
        const csv = pl.readCSV(readFileSync((await download.path()) as string, 'utf8'), {
          inferSchemaLength: 0,
        })
        expect(csv.height).toBe(kept.height)
        expect(csv.getColumn('id_achat').toArray()).toEqual(kept.getColumn('id_achat').toArray().map(String))
        // Floats as Polars writes them (233.0): the same numbers.
        expect(csv.getColumn('montant').toArray().map(Number)).toEqual(kept.getColumn('montant').toArray())
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('in the window, Export all asks the (injected) save dialog and the core writes the whole result there', async () => {
      const folder = tempDir('medallion-web-browse-save-')
      const asked: string[] = []
      const handlers = withBrowseExportDialog(
        core.handlers,
        new BrowseService(core, dataDir),
        async (options) => {
          asked.push(options.defaultName)
          return { canceled: false, filePath: join(folder, 'rejets') }
        },
      )
      let stopEvents = () => {}
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        `${web.api.url}/#/data?layer=silver&table=rejects`,
        {
          beforeLoad: async (ctx) => {
            stopEvents = await windowBindings(ctx, { handlers, events: core.events })
          },
        },
      )
      try {
        const rejects = pl.readParquet(join(dataDir, 'lake', run.layers.silver as string, 'rejects.parquet'))
        await page.getByRole('button', { name: 'row_number', exact: true }).click()
        await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'row_number' }).waitFor(WAIT)
        await page.getByRole('button', { name: /Export all as CSV/ }).click()
        await page.getByText(`Saved ${rejects.height} rows to ${join(folder, 'rejets.csv')}`).waitFor(WAIT)
        expect(asked).toHaveLength(1)
        expect(asked[0]).toMatch(new RegExp(`^silver-rejects-${run.runId}-\\d{8}-\\d{6}\\.csv$`))
        expectCsvOf(
          readFileSync(join(folder, 'rejets.csv'), 'utf8'),
          rejects.sort('row_number', false, true, true),
          pl.readCSV,
        )
        expect(problems.list).toEqual([])
      } finally {
        stopEvents()
        await context.close()
      }
    }, 60_000)

    it('on a run’s detail, downloads every reject as CSV (equal to the rejects table) and opens them in Data', async () => {
      const rejects = pl.readParquet(join(dataDir, 'lake', run.layers.silver as string, 'rejects.parquet'))
      expect(rejects.height).toBeGreaterThan(0)
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, `/#/pipeline/runs/${run.runId}`),
      )
      try {
        const button = page.getByRole('button', { name: /Download rejects as CSV/ })
        await button.waitFor(WAIT)
        const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
        expect(download.suggestedFilename()).toBe(`silver-rejects-${run.runId}.csv`)
        expectCsvOf(readFileSync((await download.path()) as string, 'utf8'), rejects, pl.readCSV)
        await page.getByRole('link', { name: 'Browse them in Data' }).click()
        await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor(WAIT)
        const shown = Math.min(100, rejects.height)
        await expectCount(page, `Rows 1–${shown} of ${rejects.height.toLocaleString('en-US')}`)
        expect(await gridCells(page)).toEqual(shownCells(rejects.slice(0, 100)))
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 60_000)

    it('says what to do when there is nothing to browse yet', async () => {
      const { context, page, problems } = await openCheckedPage(
        emptyWeb.browser,
        signedInUrl(emptyWeb.api, '/#/data'),
      )
      try {
        await page
          .getByText('Nothing to browse yet: run the pipeline from the Pipeline page first.')
          .waitFor(WAIT)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 60_000)
  },
)
