/**
 * The data browser's HTTP side and the window's export (issue 14), on a real run: GET /lake/<layer>/<table>
 * and GET /export/<layer>/<table>.csv want the launch token (they show names and e-mails), answer the
 * same page as the contract and a CSV that parses back to the table; main's `data.browseExport` with a
 * stand-in save dialog writes the same CSV, and writes nothing when the dialog is cancelled.
 */
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { withBrowseExportDialog } from '../src-main/browse-export-dialog.ts'
import { browseRoutes } from '../src-main/core/api/browse-routes.ts'
import { httpHandlers, httpPolicyOf } from '../src-main/core/api/http-policy.ts'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { BrowseService } from '../src-main/core/browse/browse-service.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import type { BrowsePage } from '../src-preload/contract-browse.ts'
import { expectCsvOf } from './helpers/browse-reference.ts'
import { bearer, http, type Json } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

const dataDir = tempDir('medallion-browse-http-')
const webRoot = tempDir('medallion-browse-webroot-')
const core = testCore(dataDir)
let run: RunRecord
let api: RunningApi

const rejectsPath = () => join(dataDir, 'lake', run.layers.silver as string, 'rejects.parquet')

/** The rejects table sorted by row number, as an export of it must hold it. */
function expectCsvOfRejects(text: string, sortDesc: boolean) {
  expectCsvOf(text, pl.readParquet(rejectsPath()).sort('row_number', sortDesc, true, true), pl.readCSV)
}

beforeAll(async () => {
  await core.sources.generate({ clients: 200, seed: 3, dirtyShare: 0.05 }).done
  run = await core.pipeline.start({ from: 'bronze', maxRejectShare: 0.5 }).done
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>stand-in</title>')
  const handlers = httpHandlers(core.handlers, httpPolicyOf(dataDir, process.env))
  api = await startApi({
    handlers,
    store: () => core.serving.store,
    events: core.events,
    port: 0,
    webRoot,
    webRoutes: browseRoutes(handlers, new BrowseService(core, dataDir)),
  })
}, 120_000)

afterAll(() => api?.close())

describe('GET /lake/<layer>/<table>', () => {
  it('needs the launch token: 401 without it, 200 with it', async () => {
    expect((await http(api.url, '/lake/silver/rejects')).status).toBe(401)
    expect((await http(api.url, '/export/silver/rejects.csv')).status).toBe(401)
    const answer = await http(api.url, '/lake/silver/rejects', { headers: bearer(api.token) })
    expect(answer.status).toBe(200)
  })

  it('answers on a read API with no UI too (medallion serve before a build), with the same token rule', async () => {
    const handlers = httpHandlers(core.handlers, httpPolicyOf(dataDir, process.env))
    const bare = await startApi({
      handlers,
      store: () => core.serving.store,
      events: core.events,
      port: 0,
      webRoutes: browseRoutes(handlers, new BrowseService(core, dataDir)),
    })
    try {
      expect((await http(bare.url, '/lake/silver/rejects')).status).toBe(401)
      const answer = await http(bare.url, '/lake/silver/rejects?limit=3', { headers: bearer(bare.token) })
      expect(answer.status).toBe(200)
      expect((answer.json() as BrowsePage).rows.length).toBe(3)
      // The rest of the read API is as before: no UI, no /rpc.
      expect(
        (await http(bare.url, '/rpc/tasks.list', { method: 'POST', headers: bearer(bare.token) })).status,
      ).toBe(404)
    } finally {
      await bare.close()
    }
  })

  it('answers the page data.browse answers, with run, limit, offset, sort and filters', async () => {
    const path = `/lake/gold/client_scores?run=${run.runId}&limit=25&offset=10&sort=monetary_12m:desc&filter=segment_label:eq:VIP`
    const answer = await http(api.url, path, { headers: bearer(api.token) })
    expect(answer.status).toBe(200)
    const page = answer.json() as BrowsePage
    const same = unwrap(
      await dispatch(core.handlers, 'data.browse', {
        source: { run: run.runId, layer: 'gold', table: 'client_scores' },
        limit: 25,
        offset: 10,
        sort: { column: 'monetary_12m', desc: true },
        filters: [{ column: 'segment_label', op: 'eq', value: 'VIP' }],
      }),
    )
    expect(page).toEqual(same)
    expect(page.rows.length).toBeGreaterThan(0)
    expect(page.rows.every((r) => r.segment_label === 'VIP')).toBe(true)
  })

  it('refuses a bad column with 400 naming it, an unknown table with 404 naming the tables', async () => {
    const badSort = await http(api.url, '/lake/silver/achats?sort=prix', { headers: bearer(api.token) })
    expect(badSort.status).toBe(400)
    expect((badSort.json() as Json).error.message).toMatch(/no column "prix"/)
    const badTable = await http(api.url, '/lake/silver/nope', { headers: bearer(api.token) })
    expect(badTable.status).toBe(404)
    expect((badTable.json() as Json).error.message).toMatch(/achats, clients, rejects/)
    const badParam = await http(api.url, '/lake/silver/achats?colour=red', { headers: bearer(api.token) })
    expect(badParam.status).toBe(400)
    expect((badParam.json() as Json).error.message).toMatch(/unknown parameter "colour"/)
  })
})

describe('the whole-result CSV export', () => {
  it('GET /export/<layer>/<table>.csv streams an attachment equal to the table, and leaves no file behind', async () => {
    const answer = await http(api.url, `/export/silver/rejects.csv?run=${run.runId}&sort=row_number:desc`, {
      headers: bearer(api.token),
    })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="silver-rejects-${run.runId}.csv"`,
    )
    expectCsvOfRejects(answer.text, true)
    // Removed once the response has ended (just after the client saw its end).
    const staging = join(dataDir, 'exports', '.staging')
    await vi.waitFor(() => expect(readdirSync(staging)).toEqual([]))
    // What a killed server left a day ago goes with the next export; a fresh file (another download) stays.
    writeFileSync(join(staging, 'left-by-a-killed-server.csv'), 'x')
    utimesSync(
      join(staging, 'left-by-a-killed-server.csv'),
      new Date(Date.now() - 2 * 86_400_000),
      new Date(Date.now() - 2 * 86_400_000),
    )
    writeFileSync(join(staging, 'in-flight.csv'), 'x')
    const again = await http(api.url, '/export/silver/rejects.csv', { headers: bearer(api.token) })
    expect(again.status).toBe(200)
    await vi.waitFor(() => expect(readdirSync(staging)).toEqual(['in-flight.csv']))
  })

  it('GET /export with column=COL:Label and name=: those columns under their labels, in a file of that name', async () => {
    const scores = pl.readParquet(join(dataDir, 'lake', run.layers.gold as string, 'client_scores.parquet'))
    const search = new URLSearchParams([
      ['run', run.runId],
      ['sort', 'id_client'],
      ['column', 'id_client:Client'],
      ['column', 'prob_reachat_12m:Probability of purchase (12 m)'],
      ['column', 'segment_label'],
      ['name', 'top-at-risk-vip-"x"/../20261203-120000.csv'],
    ])
    const answer = await http(api.url, `/export/gold/client_scores.csv?${search}`, {
      headers: bearer(api.token),
    })
    expect(answer.status).toBe(200)
    // Reduced to a safe name: no quote, no folder, nothing but letters, digits, dots, dashes.
    expect(answer.headers['content-disposition']).toBe(
      'attachment; filename="top-at-risk-vip-x-.-20261203-120000.csv"',
    )
    const expected = scores
      .select('id_client', 'prob_reachat_12m', 'segment_label')
      .rename({ id_client: 'Client', prob_reachat_12m: 'Probability of purchase (12 m)' })
      .sort('Client')
    expectCsvOf(answer.text, expected, pl.readCSV)
    const unknown = await http(api.url, `/export/gold/client_scores.csv?column=prob_purchase_13m:P`, {
      headers: bearer(api.token),
    })
    expect(unknown.status).toBe(400)
    expect(unknown.text).toContain('prob_purchase_13m')
  })

  it('the window’s data.browseExport writes the same CSV where the dialog says; a cancel writes nothing', async () => {
    const folder = tempDir('medallion-browse-save-')
    const asked: string[] = []
    const save = (answer: { canceled: boolean; filePath?: string }) =>
      withBrowseExportDialog(core.handlers, new BrowseService(core, dataDir), async (options) => {
        asked.push(options.defaultName)
        return answer
      })
    const query = {
      source: { layer: 'silver' as const, table: 'rejects' },
      sort: { column: 'row_number', desc: false },
    }
    const cancelled = unwrap(await dispatch(save({ canceled: true }), 'data.browseExport', query))
    expect(cancelled).toEqual({ saved: false })
    expect(readdirSync(folder)).toEqual([])

    const target = join(folder, 'mes rejets')
    const saved = unwrap(
      await dispatch(save({ canceled: false, filePath: target }), 'data.browseExport', query),
    )
    expect(saved).toMatchObject({ saved: true, path: `${target}.csv` })
    expect(asked).toEqual(['silver-rejects.csv', 'silver-rejects.csv'])
    expectCsvOfRejects(readFileSync(`${target}.csv`, 'utf8'), false)
    expect(readdirSync(folder)).toEqual(['mes rejets.csv'])
    expect(existsSync(join(folder, 'mes rejets'))).toBe(false)

    // A UI table's export: its file name proposed, its columns under its labels.
    const labelled = join(folder, 'top-at-risk.csv')
    const table = unwrap(
      await dispatch(save({ canceled: false, filePath: labelled }), 'data.browseExport', {
        source: { layer: 'gold', table: 'client_scores' },
        sort: { column: 'id_client', desc: false },
        columns: [{ column: 'id_client', label: 'Client' }, { column: 'segment_label' }],
        fileName: 'top-at-risk-vip-20261203-060000.csv',
      }),
    )
    expect(table).toMatchObject({ saved: true, path: labelled })
    expect(asked.at(-1)).toBe('top-at-risk-vip-20261203-060000.csv')
    expect(readFileSync(labelled, 'utf8').split('\r\n')[0]).toBe('Client,segment_label')
  })

  it('over HTTP, the window’s export call is refused as window_only', async () => {
    const answer = await http(api.url, '/rpc/data.browseExport', {
      method: 'POST',
      headers: { ...bearer(api.token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ source: { layer: 'silver', table: 'rejects' } }),
    })
    expect(answer.status).toBe(403)
    expect((answer.json() as Json).error.code).toBe('window_only')
  })
})
