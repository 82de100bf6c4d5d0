import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../src-preload/contract.ts'
import { runCli, startCli } from './helpers/cli.ts'
import { tempDir } from './helpers/temp-data.ts'

describe('the medallion CLI', () => {
  const dataDir = tempDir()

  it('prints usage and exits 2 on a wrong command line', async () => {
    const unknown = await runCli(['frobnicate', '--data-dir', dataDir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/)
    const badFlag = await runCli(['run', '--from', 'platinum', '--data-dir', dataDir])
    expect(badFlag.code).toBe(2)
    expect(badFlag.stderr).toMatch(/--from must be one of bronze, silver, gold/)
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: medallion <command>/)
  })

  it('exits 1 with a clear message when the work fails', async () => {
    const result = await runCli(['run', '--data-dir', dataDir, '--input', join(dataDir, 'missing')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/medallion: no clients\.csv/)
  })

  it('generates and runs with plain progress lines when not on a terminal, then lists the history as JSON', async () => {
    const gen = await runCli(['generate', '--data-dir', dataDir, '--clients', '100'])
    expect(gen.code).toBe(0)
    expect(gen.stdout).toMatch(/wrote 100 clients and \d+ purchases/)
    const run = await runCli(['run', '--data-dir', dataDir])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^\[ *\d+%\] silver: cleaning$/m)
    expect(run.stderr).not.toMatch(/\r/)
    expect(run.stdout).toMatch(/succeeded/)
    expect(run.stdout).toMatch(/KPIs +revenue/)
    const runs = await runCli(['runs', '--json', '--data-dir', dataDir])
    expect(runs.code).toBe(0)
    const records = JSON.parse(runs.stdout) as RunRecord[]
    expect(records[0]?.status).toBe('succeeded')
  }, 60_000)

  it('takes the data folder from MEDALLION_DATA_DIR and prints JSON errors with --json', async () => {
    const other = join(dataDir, 'from-env')
    const result = await runCli(['run', '--json'], { MEDALLION_DATA_DIR: other })
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).error.message).toContain(join(other, 'sources'))
  })

  it('a killed run leaves the previous gold current; the next run takes over the stale lock and cleans up', async () => {
    const dir = join(dataDir, 'killed')
    expect((await runCli(['generate', '--data-dir', dir, '--purchases', '400000'])).code).toBe(0)
    const first = await runCli(['run', '--json', '--data-dir', dir])
    const good = JSON.parse(first.stdout) as RunRecord

    const { child, result } = startCli(['run', '--data-dir', dir])
    await new Promise<void>((resolve) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        if (/silver|gold/.test(chunk.toString())) resolve()
      })
    })
    child.kill('SIGKILL')
    expect((await result).code).toBe(null)
    expect(existsSync(join(dir, '.medallion.lock'))).toBe(true)
    // The killed run had staged its bronze: a folder no run record points to.
    expect(readdirSync(join(dir, 'lake', 'bronze'))).toHaveLength(2)

    const runs = JSON.parse((await runCli(['runs', '--json', '--data-dir', dir])).stdout) as RunRecord[]
    expect(runs.find((r) => r.status === 'succeeded')?.runId).toBe(good.runId)

    const next = await runCli(['run', '--json', '--data-dir', dir])
    expect(next.code).toBe(0)
    const record = JSON.parse(next.stdout) as RunRecord
    // Only committed runs' folders remain: the killed run's half-written bronze/silver are pruned.
    const folders = readdirSync(join(dir, 'lake', 'bronze'))
    expect(folders.sort()).toEqual([good.runId, record.runId].sort())
  }, 120_000)
})
