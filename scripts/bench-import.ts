/**
 * `npm run bench:import`: the import path at chosen scales — French-spreadsheet files (the generator's
 * fr-excel dialect) uploaded to a real web-mode server (POST /upload, MB/s and the server's RSS growth:
 * the bytes stream to disk, so it should not grow with the file), previewed (`sources.preview`, bronze's
 * reader and silver's rules in a worker), then run. The baseline is the run itself: the preview reads and
 * cleans both files as the run's bronze and silver do, so it should take a fraction of the run.
 * Usage: npm run bench:import -- [--scales 1,10] [--json]   (scale 1 = the original's 23,663 purchases)
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startApi } from '../src-main/core/api/server.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { uploadRoute } from '../src-main/core/import/upload-route.ts'
import { SOURCE_PATHS } from './source-paths.ts'

const { values } = parseArgs({
  options: { scales: { type: 'string', default: '1,10' }, json: { type: 'boolean', default: false } },
})
const scales = (values.scales ?? '1').split(',').map(Number)

function upload(url: string, token: string, path: string, query: string): Promise<{ importId: string }> {
  const base = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: `/upload?${query}`,
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Length': String(statSync(path).size) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          if (res.statusCode === 200) resolve(body)
          else reject(new Error(JSON.stringify(body)))
        })
      },
    )
    req.on('error', reject)
    createReadStream(path).pipe(req)
  })
}

const rows = []
for (const scale of scales) {
  const work = mkdtempSync(join(tmpdir(), 'medallion-bench-import-'))
  const dataDir = join(work, 'data')
  const core = createCore({ dataDir, paths: SOURCE_PATHS })
  const api = await startApi({
    handlers: core.handlers,
    store: () => core.serving.store,
    events: core.events,
    port: 0,
    webRoot: work,
    webRoutes: [uploadRoute({ dataDir, limit: 8 * 1024 ** 3 })],
  })
  try {
    const french = join(work, 'fr')
    await core.sources.generate({ scale, seed: 42, dirtyShare: 0.02, outDir: french, dialect: 'fr-excel' })
      .done
    const bytes = ['clients.csv', 'achats.csv'].reduce((sum, f) => sum + statSync(join(french, f)).size, 0)
    global.gc?.()
    const rssBefore = process.memoryUsage().rss
    let started = performance.now()
    const { importId } = await upload(api.url, api.token, join(french, 'clients.csv'), 'file=clients.csv')
    await upload(api.url, api.token, join(french, 'achats.csv'), `file=achats.csv&import=${importId}`)
    const uploadMs = performance.now() - started
    const rssGrowth = process.memoryUsage().rss - rssBefore
    started = performance.now()
    const preview = await core.handlers['sources.preview']({ importId })
    const previewMs = performance.now() - started
    started = performance.now()
    const record = await core.pipeline.start({ from: 'bronze', inputDir: preview.inputDir }).done
    const runMs = performance.now() - started
    const same =
      JSON.stringify(record.files) ===
      JSON.stringify({
        clients: preview.files.clients.counts,
        achats: preview.files.achats.counts,
      })
    rows.push({
      scale,
      purchases: preview.files.achats.counts.read,
      megabytes: bytes / 1e6,
      uploadMBps: bytes / 1e6 / (uploadMs / 1000),
      uploadRssGrowthMB: rssGrowth / 1e6,
      previewMs,
      runMs,
      previewShareOfRun: previewMs / runMs,
      sameCounts: same,
    })
  } finally {
    await api.close()
    await core.close()
    rmSync(work, { recursive: true, force: true })
  }
}
if (values.json) console.log(JSON.stringify(rows, null, 2))
else {
  console.log('scale  purchases  MB     upload MB/s  RSS +MB  preview s  run s  preview/run  counts equal')
  for (const r of rows) {
    console.log(
      [
        String(r.scale).padEnd(6),
        String(r.purchases).padStart(9),
        r.megabytes.toFixed(1).padStart(6),
        r.uploadMBps.toFixed(0).padStart(12),
        r.uploadRssGrowthMB.toFixed(1).padStart(8),
        (r.previewMs / 1000).toFixed(2).padStart(10),
        (r.runMs / 1000).toFixed(2).padStart(6),
        `${(r.previewShareOfRun * 100).toFixed(0)} %`.padStart(12),
        String(r.sameCounts).padStart(13),
      ].join(' '),
    )
  }
}
