/**
 * The application calls outside the window (issue 11): `app.info` and `app.sample` through the core's
 * dispatcher, the desktop-only calls refused with what to do instead, and how main tells a `medallion`
 * command from a launch of the window.
 */
import { describe, expect, it } from 'vitest'
import { cliArguments } from '../src-main/cli-arguments.ts'
import { dispatch } from '../src-main/core/rpc.ts'
import type { AppInfo } from '../src-preload/contract-app.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

describe('app.info and app.sample', () => {
  const core = testCore(tempDir())

  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const answer = await dispatch(core.handlers, name, input)
    if ('error' in answer) throw Object.assign(new Error(answer.error.message), { code: answer.error.code })
    return answer.result as T
  }

  it('says a fresh data folder is a first launch, then not once the sample run committed', async () => {
    const before = await call<AppInfo>('app.info')
    expect(before).toMatchObject({ desktop: false, dataDir: core.options.dataDir, firstLaunch: true })
    expect(before.versions.polars).toBe('0.25.2')
    expect(before.versions.node).toBe(process.versions.node)
    const { taskId } = await call<{ taskId: string }>('app.sample')
    const task = core.tasks.list().find((t) => t.id === taskId)
    expect(task).toMatchObject({ kind: 'sample', title: 'Sample data' })
    await new Promise<void>((done, fail) => {
      const check = () => {
        const now = core.tasks.list().find((t) => t.id === taskId)
        if (now?.state === 'succeeded') done()
        else if (now && now.state !== 'running')
          fail(new Error(`the sample ended ${now.state}: ${now.error}`))
        else setTimeout(check, 100)
      }
      check()
    })
    const current = await core.lake.currentRun()
    expect(current?.kpis?.total_achats).toBe(23_663)
    expect((await call<AppInfo>('app.info')).firstLaunch).toBe(false)
  }, 120_000)

  it('refuses the desktop-only calls outside the window, saying what to do instead', async () => {
    await expect(call('app.importFolder')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('medallion run --input'),
    })
    await expect(call('app.openDataFolder')).rejects.toMatchObject({ code: 'unavailable' })
    await expect(call('app.changeDataFolder', { change: 'move' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('--data-dir'),
    })
    await expect(call('app.changeDataFolder', { change: 'elsewhere' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})

describe('a command or the window', () => {
  it('reads the CLI after --cli (the launcher), or from a command name, never from Chromium switches', () => {
    expect(cliArguments(['/opt/Medallion/medallion', '--cli', 'runs', '--json'], true)).toEqual([
      'runs',
      '--json',
    ])
    expect(
      cliArguments(['/opt/Medallion/medallion', '--ozone-platform=headless', '--cli', '--help'], true),
    ).toEqual(['--help'])
    expect(cliArguments(['/opt/Medallion/medallion', 'demo'], true)).toEqual(['demo'])
    expect(cliArguments(['electron', '.', 'runs', '--limit', '3'], false)).toEqual(['runs', '--limit', '3'])
    // The window: no arguments, Chromium's switches, macOS's process serial number, a stray word.
    expect(cliArguments(['/opt/Medallion/medallion'], true)).toBeUndefined()
    expect(
      cliArguments(['/opt/Medallion/medallion', '--no-sandbox', '--user-data-dir=/tmp/x'], true),
    ).toBeUndefined()
    expect(
      cliArguments(['/Applications/Medallion.app/Contents/MacOS/Medallion', '-psn_0_12345'], true),
    ).toBeUndefined()
    expect(cliArguments(['electron', '.'], false)).toBeUndefined()
    expect(cliArguments(['/opt/Medallion/medallion', 'notes.txt'], true)).toBeUndefined()
  })
})
