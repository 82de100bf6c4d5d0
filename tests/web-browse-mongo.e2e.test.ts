/**
 * The Data page on MongoDB (issue 14): with gold served from a real FerretDB, the page offers the
 * collections beside the lake's tables; a collection opens from the picker, pages and sorts like the gold
 * file it was published from (the publish's own fields aside).
 */
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createCore } from '../src-main/core/app-core.ts'
import { toJsonValue } from '../src-main/core/serving/json-values.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'
import { servedWebApp, signedInUrl } from './helpers/web-app.ts'

const WAIT = { timeout: 20_000 }

/** The grid's cells of the named columns, row by row. */
async function cellsOf(page: Page, names: readonly string[]): Promise<string[][]> {
  const headers = await page
    .getByTestId('browse-grid')
    .locator('thead tr')
    .first()
    .locator('th')
    .allTextContents()
  const at = names.map((name) => headers.findIndex((h) => h.replace(/[▲▼\s]+$/u, '') === name))
  const rows = await page
    .getByTestId('browse-grid')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))
  return rows.map((row) => at.map((i) => row[i] ?? ''))
}

const available = CHROMIUM_AVAILABLE && FERRETDB_AVAILABLE
describe.skipIf(!available)(
  `the Data page on MongoDB (${available ? 'Chromium, FerretDB' : `${CHROMIUM_SKIP_REASON}; ${FERRETDB_SKIP_REASON}`})`,
  () => {
    const dataDir = tempDir('medallion-web-browse-mongo-')
    let server: RunningMongo | undefined
    let run: RunRecord
    // The core needs the server's URL, known once it starts: a small proxy object until then.
    const holder: { core?: ReturnType<typeof createCore> } = {}
    const core = new Proxy({} as ReturnType<typeof createCore>, {
      get: (_target, key) => Reflect.get(holder.core as object, key),
    })
    const web = servedWebApp(core, async () => {
      server = await startFerretDb()
      holder.core = createCore({
        dataDir,
        paths: SOURCE_PATHS,
        mongo: { url: server.url, db: 'gold_serving' },
      })
      await holder.core.sources.generate({ clients: 90, seed: 12, dirtyShare: 0 }).done
      run = await holder.core.pipeline.start({ from: 'bronze' }).done
      await holder.core.publish().done
    })
    afterAll(async () => {
      await holder.core?.close()
      await server?.stop()
    })

    it('opens a collection from the picker, pages and sorts it like the gold file', async () => {
      const scores = pl.readParquet(join(dataDir, 'lake', run.layers.gold as string, 'client_scores.parquet'))
      const { context, page, problems } = await openCheckedPage(web.browser, signedInUrl(web.api, '/#/data'))
      try {
        await page.getByLabel('MongoDB collection').selectOption('gold_client_scores')
        const total = scores.height.toLocaleString('en-US')
        await page
          .getByTestId('browse-count')
          .filter({ hasText: new RegExp(`^Rows 1–${Math.min(100, scores.height)} of ${total}$`) })
          .waitFor(WAIT)
        expect(page.url()).toContain('#/data?collection=gold_client_scores')
        await page.getByRole('button', { name: 'monetary_12m', exact: true }).click()
        await page.getByRole('button', { name: 'monetary_12m', exact: true }).click()
        await page.locator('th[aria-sort="descending"]').filter({ hasText: 'monetary_12m' }).waitFor(WAIT)
        // Ties on the amount are ordered by _id (the client id as text) in MongoDB: compare the amounts.
        const expected = scores
          .sort('monetary_12m', true, true, true)
          .slice(0, 100)
          .getColumn('monetary_12m')
          .toArray()
          .map((v) => String(toJsonValue(v)))
        // The sorted page has arrived once the count no longer says it is loading.
        await page
          .getByTestId('browse-count')
          .filter({ hasText: new RegExp(`^Rows 1–${Math.min(100, scores.height)} of ${total}$`) })
          .waitFor(WAIT)
        const cells = await cellsOf(page, ['monetary_12m'])
        expect(cells.map((r) => r[0])).toEqual(expected)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 90_000)
  },
)
