/**
 * Runs you can inspect, in a browser on web mode, as a person clicks (issue 14): the history with whole ids,
 * triggers and dialects; a run's detail with the CLI's counts and rejects read from the lake; the gate of a
 * failed run; two runs compared. Real runs (Polars) on small generated data, served over real HTTP.
 */
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../src-preload/contract.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { runCli } from './helpers/cli.ts'
import { bearer, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `runs you can inspect (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-web-runs-')
    const core = testCore(dataDir)
    const web = servedWebApp(core, async () => {
      await core.sources.generate({ clients: 200, seed: 11, dirtyShare: 0.05 }).done
      await core.pipeline.start({ from: 'bronze' }).done
      await core.sources.generate({ clients: 240, seed: 12, dirtyShare: 0.05 }).done
      await core.pipeline.start({ from: 'bronze' }).done
      // French files read with the month first: most registration dates are not dates, and a gate stops it.
      await core.sources.generate({ clients: 200, seed: 13, dialect: 'fr-excel' }).done
      await core.pipeline
        .start({ from: 'bronze', dialect: { clients: { dateFormat: '%m/%d/%Y' } } })
        .done.catch(() => {})
    })

    /** The run records as `medallion runs --json` prints them. */
    async function cliRuns(): Promise<RunRecord[]> {
      return JSON.parse((await runCli(['runs', '--json', '--data-dir', dataDir])).stdout) as RunRecord[]
    }

    const open = (path: string, expected: RegExp[] = []) =>
      openCheckedPage(web.browser, signedInUrl(web.api, path), { expected })

    const cellNumber = async (page: Page, selector: string) =>
      Number(await page.locator(selector).first().getAttribute('data-value'))

    it('lists every run with its whole id, status, trigger, input files and dialect', async () => {
      const runs = await cliRuns()
      expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded', 'succeeded'])
      const { context, page, problems } = await open('/#/pipeline')
      try {
        for (const run of runs) {
          const row = page.locator(`tr[data-run-id="${run.runId}"]`)
          await row.waitFor({ timeout: 20_000 })
          const cells = await row.locator('td').allTextContents()
          expect(cells[1]).toBe(run.runId)
          expect(cells[2]).toBe(run.status)
          expect(cells[3]).toBe(run.trigger)
          expect(cells[6]).toContain(run.inputDir)
          expect(cells[6]).toContain('clients.csv, achats.csv')
          const clients = run.dialect?.clients
          const dialect = row.getByTestId('dialect-clients')
          expect(await dialect.textContent()).toContain(
            `clients.csv"${clients?.delimiter}"${clients?.encoding}`,
          )
          // The date format given for the failed run is marked as set; the others were detected.
          const dates = dialect.locator('[title^="dates"]')
          expect(await dates.textContent()).toBe(clients?.dateFormat)
          expect(await dates.getAttribute('title')).toContain(
            clients?.detected.includes('dateFormat') ? 'detected from the file' : 'set: given for this run',
          )
        }
        expect(await page.locator('tr[data-run-id]').count()).toBe(runs.length)
        await page.screenshot({ path: join(ARTIFACTS, 'runs-history.png'), fullPage: true })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('opens a run from the history (keyboard): the CLI’s counts, its steps and its rejects by reason', async () => {
      const run = (await cliRuns())[1] as RunRecord
      const { context, page, problems } = await open('/#/pipeline')
      try {
        const link = page.getByRole('link', { name: run.runId, exact: true })
        await link.focus()
        await page.keyboard.press('Enter')
        await page.getByRole('heading', { level: 1, name: `Run ${run.runId}` }).waitFor({ timeout: 20_000 })
        expect(new URL(page.url()).hash).toBe(`#/pipeline/runs/${encodeURIComponent(run.runId)}`)
        expect(await page.getByTestId('run-trigger').textContent()).toBe('manual')
        for (const source of ['clients', 'achats'] as const) {
          for (const field of ['read', 'kept', 'rejected', 'blank'] as const) {
            const shown = await cellNumber(page, `tr[data-source="${source}"] td[data-field="${field}"]`)
            expect(shown, `${source} ${field}`).toBe(run.files?.[source]?.[field])
          }
        }
        const steps = page.locator('tr[data-step]')
        expect(await steps.count()).toBe(run.steps.length)
        expect(await steps.first().getAttribute('data-step')).toBe(
          `${run.steps[0]?.layer}/${run.steps[0]?.table}`,
        )
        for (const kpi of ['total_ca', 'total_achats', 'total_clients'] as const) {
          expect(Number(await page.getByTestId(`kpi-${kpi}`).getAttribute('data-value'))).toBe(
            run.kpis?.[kpi],
          )
        }
        // The rejects as the run's silver table has them, read here with Polars.
        const table = pl.readParquet(join(dataDir, 'lake', run.layers.silver as string, 'rejects.parquet'))
        const byReason = table.groupBy('reason').len().toRecords() as { reason: string; len: number }[]
        expect(byReason.length).toBeGreaterThan(0)
        for (const { reason, len } of byReason) {
          const count = page.getByTestId(`reject-count-${reason}`)
          await count.waitFor({ timeout: 20_000 })
          expect(Number(await count.getAttribute('data-value')), reason).toBe(Number(len))
          const firstLine = Number(
            (
              table
                .filter(pl.col('reason').eq(pl.lit(reason)))
                .sort(['source', 'row_number'])
                .head(1)
                .toRecords()[0] as { row_number: number }
            ).row_number,
          )
          const lines = await page
            .locator(`section[data-reason="${reason}"] td[data-field="line"]`)
            .allTextContents()
          expect(lines.map(Number)).toContain(firstLine)
        }
        expect(
          (await page.locator('tr[data-source]').count()) +
            (await page.locator('section[data-reason]').count()),
        ).toBe(2 + byReason.length)
        await page.screenshot({ path: join(ARTIFACTS, 'run-detail.png'), fullPage: true })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('shows the gate that stopped a failed run, and the rejects it kept', async () => {
      const failed = (await cliRuns())[0] as RunRecord
      expect(failed.status).toBe('failed')
      const { context, page, problems } = await open(`/#/pipeline/runs/${encodeURIComponent(failed.runId)}`)
      try {
        const error = page.getByTestId('run-error')
        await error.waitFor({ timeout: 20_000 })
        expect(await error.textContent()).toBe(failed.error)
        expect(failed.error).toMatch(/invalid_date/)
        expect(await page.getByTestId('run-status').textContent()).toBe('failed')
        expect(await page.getByTestId('dialect-clients').textContent()).toContain('dates %m/%d/%Y set')
        const invalid = page.getByTestId('reject-count-invalid_date')
        await invalid.waitFor({ timeout: 20_000 })
        expect(Number(await invalid.getAttribute('data-value'))).toBe(
          failed.quality.clients?.dropped_invalid_date,
        )
        await page.screenshot({ path: join(ARTIFACTS, 'run-detail-failed.png'), fullPage: true })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('compares two runs picked in the history: KPIs and segments with their differences', async () => {
      const [, newer, older] = (await cliRuns()) as [RunRecord, RunRecord, RunRecord]
      const { context, page, problems } = await open('/#/pipeline')
      try {
        const compare = page.getByRole('button', { name: /^Compare/ })
        await compare.waitFor({ timeout: 20_000 })
        expect(await compare.isDisabled()).toBe(true)
        await page.getByRole('checkbox', { name: `Compare run ${newer.runId}` }).check()
        await page.getByRole('checkbox', { name: `Compare run ${older.runId}` }).check()
        await compare.click()
        await page.getByRole('heading', { level: 1, name: 'Compare two runs' }).waitFor({ timeout: 20_000 })
        expect(new URL(page.url()).hash).toBe(`#/pipeline/compare/${older.runId}/${newer.runId}`)
        const kpiRow = (name: string) =>
          page.locator(`section[aria-labelledby="compare-compare-kpis"] tr[data-figure="${name}"]`)
        for (const name of ['total_ca', 'total_achats', 'total_clients'] as const) {
          const row = kpiRow(name).first()
          await row.waitFor({ timeout: 20_000 })
          const a = older.kpis?.[name] as number
          const b = newer.kpis?.[name] as number
          expect(Number(await row.getAttribute('data-diff'))).toBeCloseTo(b - a, 6)
          expect(Number(await row.getAttribute('data-pct'))).toBeCloseTo(((b - a) / a) * 100, 6)
        }
        const segments = page.locator(
          'section[aria-labelledby="compare-compare-segment-clients"] tr[data-figure]',
        )
        const gold = (run: RunRecord) =>
          Object.fromEntries(
            (
              pl
                .readParquet(join(dataDir, 'lake', run.layers.gold as string, 'segment_summary.parquet'))
                .toRecords() as { segment_label: string; clients: number }[]
            ).map((r) => [r.segment_label, Number(r.clients)]),
          )
        const [goldA, goldB] = [gold(older), gold(newer)]
        const names = new Set([...Object.keys(goldA), ...Object.keys(goldB)])
        expect(await segments.count()).toBe(names.size)
        for (const name of names) {
          const diff = await page
            .locator(`section[aria-labelledby="compare-compare-segment-clients"] tr[data-figure="${name}"]`)
            .getAttribute('data-diff')
          expect(diff === '' ? null : Number(diff), name).toBe(
            name in goldA && name in goldB ? (goldB[name] as number) - (goldA[name] as number) : null,
          )
        }
        await page.screenshot({ path: join(ARTIFACTS, 'runs-compare.png'), fullPage: true })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('says why when a run is not in the history, or cannot be compared; no HTTP caller claims a trigger', async () => {
      const failed = (await cliRuns())[0] as RunRecord
      const good = (await cliRuns())[1] as RunRecord
      const gone = '20200101T000000000Z-gone'
      const missing = await open(`/#/pipeline/runs/${gone}`)
      try {
        const note = missing.page.getByRole('alert').filter({ hasText: `No run ${gone}` })
        await note.waitFor({ timeout: 20_000 })
        expect(missing.problems.list).toEqual([])
      } finally {
        await missing.context.close()
      }
      const refused = await open(`/#/pipeline/compare/${good.runId}/${failed.runId}`, [
        /status of 4\d\d .*\/rpc\/pipeline\.compare$/,
      ])
      try {
        const note = refused.page.getByRole('alert')
        await note.waitFor({ timeout: 20_000 })
        expect(await note.textContent()).toContain('run_without_gold')
        expect(await note.textContent()).toContain(`run ${failed.runId} failed`)
        expect(refused.problems.list).toEqual([])
      } finally {
        await refused.context.close()
      }
      const claimed = await postJson(
        web.api.url,
        '/rpc/pipeline.run',
        { from: 'bronze', trigger: 'schedule' },
        bearer(web.api.token),
      )
      expect(claimed.status).toBe(400)
      expect((await cliRuns()).length).toBe(3)
    }, 120_000)
  },
)
