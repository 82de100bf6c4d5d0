/**
 * The packaged app (issue 11): `packageApp` builds and packages it unpacked with electron-builder, as
 * `npm run package:check` does (with a stand-in for Electron's binary where it cannot be downloaded), then
 * the layout is checked and the packaged code is run: app.asar extracted with @electron/asar, the packaged
 * CLI and worker bundles run by Node on a temporary data folder, with the resources path injected as the
 * packaged app's main process passes it. The launcher script is run against a fake app binary.
 */
import { execFile } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { extractAll } from '@electron/asar'
import { beforeAll, describe, expect, it } from 'vitest'
import { type PackagedApp, packageApp } from '../scripts/package-check.ts'
import { resourcesDir } from '../scripts/package-layout.ts'
import type { RunRecord, StackStatus } from '../src-preload/contract.ts'
import { SPARK_AVAILABLE, SPARK_SKIP_REASON } from './helpers/spark.ts'
import { tempDir } from './helpers/temp-data.ts'

const run = promisify(execFile)

/** Runs the packaged CLI bundle as the packaged main process would: runCli with the resources folder. */
const RUNNER = `
import { pathToFileURL } from 'node:url'
const [bundle, resourcesPath, dataDir, ...argv] = process.argv.slice(2)
const { runCli } = await import(pathToFileURL(bundle).href)
process.exitCode = await runCli(argv, { resourcesPath, defaultDataDir: { dir: dataDir, source: 'default' } })
`

describe('the packaged app', () => {
  let packaged: PackagedApp
  let resources = ''
  let extracted = ''
  let runner = ''
  let dataDir = ''

  const packagedCli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [runner, join(extracted, 'out/cli/medallion.mjs'), resources, dataDir, ...args], {
      cwd: tempDir('medallion-packaged-cwd-'),
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    })

  beforeAll(async () => {
    packaged = await packageApp({ clean: false })
    resources = resourcesDir(packaged.appDir)
    extracted = tempDir('medallion-packaged-asar-')
    extractAll(join(resources, 'app.asar'), extracted)
    runner = join(tempDir('medallion-packaged-runner-'), 'run-packaged.mjs')
    writeFileSync(runner, RUNNER)
    dataDir = tempDir('medallion-packaged-data-')
  }, 300_000)

  it('has the layout electron-builder.ts describes, and says when Electron was a stand-in', () => {
    expect(packaged.problems).toEqual([])
    expect(packaged.asarEntries).toBeGreaterThan(1000)
    if (packaged.standIn)
      console.warn(`package.test: packaged with a stand-in for Electron at ${packaged.standIn}`)
  })

  it('ships the Polars speed patch in its nodejs-polars', () => {
    const patched = readFileSync(join(extracted, 'node_modules/nodejs-polars/bin/lazy/expr/index.js'), 'utf8')
    expect(patched).toContain('/* medallion: computed keys moved last */')
  })

  it('runs a whole pipeline from the packaged CLI and worker bundles', async () => {
    const { stdout } = await packagedCli(['demo', '--json'], { MEDALLION_DATA_DIR: '' })
    const { generated, run: record } = JSON.parse(stdout) as {
      generated: { clients: number; purchases: number }
      run: RunRecord
    }
    expect(generated).toMatchObject({ clients: 1500, purchases: 23_663 })
    expect(record.status).toBe('succeeded')
    expect(record.kpis?.total_achats).toBe(23_663)
    // The data folder came from the runtime's default, as the app's own data folder would.
    expect(record.layers.gold).toMatch(/^gold\//)
    const { stdout: runs } = await packagedCli(['runs', '--json'], { MEDALLION_DATA_DIR: '' })
    expect((JSON.parse(runs) as RunRecord[]).map((r) => r.runId)).toEqual([record.runId])
  }, 180_000)

  it('reads the stack from the compose file in the resources, not the source tree', async () => {
    const { stdout } = await packagedCli(['status', '--json'], {
      DOCKER_HOST: `unix://${join(dataDir, 'no-engine.sock')}`,
    })
    const status = JSON.parse(stdout) as StackStatus & { composeFile: string }
    expect(status.composeFile).toBe(join(resources, 'compose', 'docker-compose.yml'))
    expect(status.services.map((s) => s.service)).toEqual(
      expect.arrayContaining(['mongo', 'minio', 'mlflow', 'metabase']),
    )
  }, 60_000)

  it.skipIf(!SPARK_AVAILABLE)(
    'runs the Spark twin from the job in the resources',
    async () => {
      const { stdout } = await packagedCli(['run', '--engine', 'spark', '--json'])
      const record = JSON.parse(stdout) as RunRecord
      expect(record.status).toBe('succeeded')
      expect(record.kpis?.total_achats).toBe(23_663)
    },
    240_000,
  )
  if (!SPARK_AVAILABLE) console.warn(`package.test: the Spark run is skipped: ${SPARK_SKIP_REASON}`)

  it('starts the app binary as the CLI through the launcher in resources/bin', async () => {
    // A copy of the launcher beside a fake app binary that reports how it was started.
    const app = tempDir('medallion-launcher-')
    mkdirSync(join(app, 'resources'), { recursive: true })
    cpSync(join(resources, 'bin'), join(app, 'resources', 'bin'), { recursive: true })
    const fake = join(app, 'medallion')
    writeFileSync(fake, '#!/bin/sh\nprintf "%s\\n" "$@"\n')
    chmodSync(fake, 0o755)
    const launcher = join(app, 'resources', 'bin', 'medallion')
    const withDisplay = await run(launcher, ['runs', '--json'], { env: { ...process.env, DISPLAY: ':0' } })
    expect(withDisplay.stdout.trim().split('\n')).toEqual(['--cli', 'runs', '--json'])
    const headless = await run(launcher, ['runs'], {
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    })
    expect(headless.stdout.trim().split('\n')).toEqual(['--ozone-platform=headless', '--cli', 'runs'])
  })
})
