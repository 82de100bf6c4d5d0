/**
 * Saved watches with real timers and real processes (issue 17): `medallion watch add DIR`, then
 * `medallion serve` as a child: the sources copied into the folder start one run, recorded with trigger
 * "watch" and the watch's id; once removed, changes start no run. Over HTTP a watch's folder must be
 * allowed (403 otherwise) and the call needs the launch token (401). A bad watches file is named.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { generateSources } from '../pipelines/generate/generate.ts'
import type { SavedWatch, WatchList } from '../src-preload/contract-watches.ts'
import { runCli } from './helpers/cli.ts'
import { cliJson, runsOf } from './helpers/cli-json.ts'
import { bearer, postJson } from './helpers/http.ts'
import { SERVE_TOKEN, type ServeChild, startServe } from './helpers/serve-child.ts'
import { tempDir } from './helpers/temp-data.ts'

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
const SETTLE_SECONDS = 1

const servers: ServeChild[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((serve) => serve.stop()))
})
function serve(dataDir: string, args: string[] = []): ServeChild {
  const child = startServe(dataDir, {}, args)
  servers.push(child)
  return child
}

describe('saved watches', () => {
  it('medallion serve runs a saved watch once its files settle, and stops once it is removed', async () => {
    const staged = tempDir('medallion-saved-watch-src-')
    await generateSources({ outDir: staged, clients: 40, purchases: 150, seed: 11 })
    const watched = tempDir('medallion-saved-watch-in-')
    const dataDir = tempDir('medallion-saved-watch-data-')
    const watch = await cliJson<SavedWatch>(
      ['watch', 'add', watched, '--settle', String(SETTLE_SECONDS)],
      dataDir,
    )
    expect(watch).toMatchObject({ dir: watched, settleSeconds: SETTLE_SECONDS, engine: 'polars' })
    const list = await cliJson<WatchList>(['watch', 'list'], dataDir)
    expect(list.watches.map((w) => w.id)).toEqual([watch.id])
    expect(list.owner).toEqual({ state: 'none' })

    const server = serve(dataDir)
    await server.until(new RegExp(`watch ${watch.id}: watching`))
    // chokidar scans the folder before it reports changes.
    await sleep(500)
    copyFileSync(join(staged, 'clients.csv'), join(watched, 'clients.csv'))
    copyFileSync(join(staged, 'achats.csv'), join(watched, 'achats.csv'))
    await server.until(new RegExp(`watch ${watch.id}: run \\S+ succeeded`), 90_000)
    const runs = await runsOf(dataDir, watch.id)
    expect(runs.map((r) => [r.trigger, r.status, r.inputDir, r.tables['bronze/clients']])).toEqual([
      ['watch', 'succeeded', watched, 40],
    ])

    await runCli(['watch', 'remove', watch.id, '--data-dir', dataDir])
    await server.until(new RegExp(`watch ${watch.id}: no longer watching`), 10_000)
    copyFileSync(join(staged, 'achats.csv'), join(watched, 'achats.csv'))
    await sleep(SETTLE_SECONDS * 3000)
    expect(await runsOf(dataDir, watch.id)).toHaveLength(1)
    expect(
      server.stderr().match(new RegExp(`watch ${watch.id}: \\S+ changed and settled`, 'g')),
    ).toHaveLength(1)
  }, 150_000)

  it('over HTTP: a folder outside the allowed roots is refused (403), and the call needs the token (401)', async () => {
    const dataDir = tempDir('medallion-saved-watch-http-')
    const outside = tempDir('medallion-saved-watch-outside-')
    // Web mode (/rpc) is served beside a UI: a stub page stands in for the built one.
    const webRoot = tempDir('medallion-saved-watch-web-')
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>stub</title>')
    const server = serve(dataDir, ['--web-root', webRoot])
    await server.until(/ on http:\/\/\S+/)
    const url = /on (http:\/\/[^\s,]+)/.exec(server.stderr())?.[1] ?? ''
    const refused = await postJson(url, '/rpc/watches.add', { dir: outside }, bearer(SERVE_TOKEN))
    expect(refused.status).toBe(403)
    expect(refused.json()).toMatchObject({ error: { code: 'input_not_allowed' } })
    expect((await postJson(url, '/rpc/watches.add', { dir: outside })).status).toBe(401)
    expect((await postJson(url, '/rpc/watches.list', {})).status).toBe(401)
    const sources = join(dataDir, 'sources')
    mkdirSync(sources)
    const allowed = await postJson(url, '/rpc/watches.add', { dir: sources }, bearer(SERVE_TOKEN))
    expect(allowed.status).toBe(200)
    const listed = await postJson(url, '/rpc/watches.list', {}, bearer(SERVE_TOKEN))
    expect((listed.json() as { result: WatchList }).result.watches.map((w) => w.dir)).toEqual([
      (allowed.json() as { result: SavedWatch }).result.dir,
    ])
  }, 60_000)

  it('a watches file that is not valid is named with the field at fault; a missing folder is refused', async () => {
    const dataDir = tempDir('medallion-saved-watch-bad-')
    const missing = await runCli(['watch', 'add', join(dataDir, 'nowhere'), '--data-dir', dataDir])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`dir: ${join(dataDir, 'nowhere')} is not a folder`)
    await cliJson<SavedWatch>(['watch', 'add', dataDir], dataDir)
    const file = join(dataDir, 'automation', 'watches.json')
    writeFileSync(file, JSON.stringify({ version: 1, watches: [{ id: 'w-00000000', dir: 5 }] }))
    const list = await runCli(['watch', 'list', '--data-dir', dataDir])
    expect(list.code).toBe(1)
    expect(list.stderr).toContain(`${file}: watches.0.dir:`)
  })
})
