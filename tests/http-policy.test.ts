/**
 * What the contract may do over HTTP, on a real web-mode server with the handlers `medallion serve` gives
 * it: the window's own calls refused, a run's input only under the data folder's imports/ and sources/ or
 * an allowed root (MEDALLION_INPUT_ROOTS, or inputRoots saved from the window), resolved so no link leaves
 * them, and a refused or failed run that never shows what a private file holds.
 */
import { copyFileSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpHandlers, httpPolicyOf } from '../src-main/core/api/http-policy.ts'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { dispatch } from '../src-main/core/rpc.ts'
import { readSettingsFile } from '../src-main/core/settings/settings-file.ts'
import type { TaskInfo } from '../src-preload/contract.ts'
import { startCli } from './helpers/cli.ts'
import { bearer, type Json, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

/** What a private file holds: it must appear in no answer, task or run record. */
const PRIVATE_LINE = 'root-secret-7f3a;hunter2-password;alice@example.com'

describe('the contract over HTTP', () => {
  const dataDir = tempDir('medallion-policy-')
  const webRoot = tempDir('medallion-policy-web-')
  const allowed = tempDir('medallion-allowed-')
  const saved = tempDir('medallion-saved-root-')
  const outside = tempDir('medallion-outside-')
  const core = testCore(dataDir)
  let api: RunningApi

  const rpc = async (name: string, input: unknown): Promise<{ status: number; body: Json; text: string }> => {
    const answer = await postJson(api.url, `/rpc/${name}`, input, bearer(api.token))
    return { status: answer.status, body: answer.json(), text: answer.text }
  }

  /** A copy of the generated sources in `dir`. */
  const sourcesIn = (dir: string): string => {
    mkdirSync(dir, { recursive: true })
    for (const name of ['clients.csv', 'achats.csv'])
      copyFileSync(join(dataDir, 'sources', name), join(dir, name))
    return dir
  }

  const finished = async (taskId: string): Promise<TaskInfo> => {
    for (;;) {
      const tasks = (await rpc('tasks.list', {})).body.result as TaskInfo[]
      const task = tasks.find((t) => t.id === taskId)
      if (task && task.state !== 'running') return task
      await new Promise((done) => setTimeout(done, 100))
    }
  }

  const pipelineTasks = async (): Promise<number> =>
    ((await rpc('tasks.list', {})).body.result as TaskInfo[]).filter((t) => t.kind === 'pipeline').length

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>medallion</title>')
    await core.sources.generate({ clients: 40, seed: 3, dirtyShare: 0 }).done
    writeFileSync(join(outside, 'private.csv'), `${PRIVATE_LINE}\n1;2;3\n`)
    sourcesIn(join(outside, 'good'))
    // A blank entry in the list is ignored.
    const env = { MEDALLION_INPUT_ROOTS: `${allowed}${delimiter} ${delimiter}` }
    api = await startApi({
      handlers: httpHandlers(core.handlers, httpPolicyOf(dataDir, env)),
      store: () => core.serving.store,
      events: core.events,
      port: 0,
      webRoot,
    })
  }, 120_000)

  afterAll(async () => {
    await api?.close()
  })

  it('refuses the calls that act on the desktop as window_only, saying what to do instead', async () => {
    const calls: [string, unknown][] = [
      ['files.save', { fileName: 'chart.csv', mime: 'text/csv', dataBase64: 'YSxiCg==' }],
      ['app.importFolder', {}],
      ['app.openDataFolder', {}],
      ['app.changeDataFolder', { change: 'move' }],
      ['app.changeDataFolder', { change: 'use' }],
    ]
    for (const [name, input] of calls) {
      const answer = await rpc(name, input)
      expect({ name, status: answer.status, code: answer.body.error?.code }).toEqual({
        name,
        status: 403,
        code: 'window_only',
      })
    }
    expect((await rpc('app.importFolder', {})).body.error.message).toContain('medallion run --input <folder>')
    expect((await rpc('app.changeDataFolder', { change: 'move' })).body.error.message).toContain('--data-dir')
    // Input is still validated first.
    expect((await rpc('app.changeDataFolder', { change: 'elsewhere' })).body.error.code).toBe('invalid_input')
  })

  it('refuses a run on a folder outside the allowed ones, naming it and how to allow it', async () => {
    const before = await pipelineTasks()
    const refused = await rpc('pipeline.run', { inputDir: join(outside, 'good') })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('input_not_allowed')
    expect(refused.body.error.message).toContain(join(outside, 'good'))
    expect(refused.body.error.message).toContain('MEDALLION_INPUT_ROOTS')
    expect(refused.body.error.message).toContain('"inputRoots" in the data folder\'s settings.json')
    // Up out of an allowed root, a missing folder outside (answered like any other: no existence probe), a link out.
    symlinkSync(join(outside, 'good'), join(allowed, 'link-out'))
    for (const inputDir of [
      join(allowed, '..', basename(outside), 'good'),
      join(outside, 'no-such-folder'),
      join(allowed, 'link-out'),
      '/',
    ]) {
      const answer = await rpc('pipeline.run', { inputDir })
      expect({ inputDir, code: answer.body.error?.code }).toEqual({ inputDir, code: 'input_not_allowed' })
    }
    expect(await pipelineTasks()).toBe(before)
  })

  it('runs a folder under MEDALLION_INPUT_ROOTS, and the data folder’s imports/', async () => {
    const folder = sourcesIn(join(allowed, 'good'))
    const started = await rpc('pipeline.run', { inputDir: folder })
    expect(started.status).toBe(200)
    const task = await finished(started.body.result.taskId)
    expect({ state: task.state, error: task.error }).toEqual({ state: 'succeeded', error: undefined })
    const runs = (await rpc('pipeline.runs', {})).body.result
    expect(runs[0]).toMatchObject({ status: 'succeeded', inputDir: realpathSync(folder) })

    const upload = sourcesIn(join(dataDir, 'imports', 'upload-1'))
    const imported = await rpc('pipeline.run', { inputDir: upload })
    expect(imported.status).toBe(200)
    expect((await finished(imported.body.result.taskId)).state).toBe('succeeded')
  }, 120_000)

  it('refuses a clients.csv that links outside, and the private file shows nowhere', async () => {
    const folder = join(allowed, 'linked')
    sourcesIn(folder)
    const clients = join(folder, 'clients.csv')
    rmSync(clients)
    symlinkSync(join(outside, 'private.csv'), clients)
    const before = await pipelineTasks()
    const refused = await rpc('pipeline.run', { inputDir: folder })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('input_not_allowed')
    expect(refused.body.error.message).toContain(join(folder, 'clients.csv'))
    expect(await pipelineTasks()).toBe(before)
    // A link that goes nowhere is refused too (the core would name its target).
    const dangling = join(allowed, 'dangling')
    sourcesIn(dangling)
    rmSync(join(dangling, 'achats.csv'))
    symlinkSync(join(outside, 'gone.csv'), join(dangling, 'achats.csv'))
    expect((await rpc('pipeline.run', { inputDir: dangling })).body.error.code).toBe('input_not_allowed')

    const everything = [
      refused.text,
      (await rpc('tasks.list', {})).text,
      (await rpc('pipeline.runs', {})).text,
      (await rpc('settings.get', {})).text,
    ].join('\n')
    for (const part of PRIVATE_LINE.split(';')) expect(everything).not.toContain(part)
  })

  it('fails a run on a header without the required columns naming the columns found, escaped and cut', async () => {
    const folder = sourcesIn(join(allowed, 'bad-header'))
    const long = `${'secret-'.repeat(10)}tail-never-shown`
    const names = ['id_client', 'nom "dit" x', long, 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10']
    writeFileSync(join(folder, 'clients.csv'), `${names.join(';')}\n${names.map((_, i) => i).join(';')}\n`)
    const started = await rpc('pipeline.run', { inputDir: folder })
    const task = await finished(started.body.result.taskId)
    expect(task.state).toBe('failed')
    expect(task.error).toBe(
      `clients.csv: missing required column(s) nom, email, date_inscription, pays; found "id_client", "nom \\"dit\\" x", "${long.slice(0, 40)}…", "c4", "c5", "c6", "c7", "c8" … and 2 more`,
    )
    const shown = [(await rpc('tasks.list', {})).text, (await rpc('pipeline.runs', {})).text].join('\n')
    expect(shown).not.toContain('tail-never-shown')
    expect(shown).not.toContain('c10')
  }, 120_000)

  it('lets only the window save input roots; once saved they allow their folders over HTTP', async () => {
    const folder = sourcesIn(join(saved, 'good'))
    expect((await rpc('pipeline.run', { inputDir: folder })).body.error.code).toBe('input_not_allowed')
    for (const inputRoots of [['/'], [saved], null]) {
      const answer = await rpc('settings.set', { inputRoots })
      expect({ status: answer.status, code: answer.body.error?.code }).toEqual({
        status: 403,
        code: 'window_only',
      })
    }
    expect(readSettingsFile(dataDir).stored.inputRoots).toBeUndefined()
    // Other settings are still saved over HTTP.
    expect((await rpc('settings.set', { theme: 'dark' })).status).toBe(200)

    // The window's binding: the core's handlers, validated by the one dispatcher.
    expect(await dispatch(core.handlers, 'settings.set', { inputRoots: ['relative/folder'] })).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringContaining('inputRoots.0: an absolute path') },
    })
    expect(await dispatch(core.handlers, 'settings.set', { inputRoots: [saved] })).toMatchObject({
      result: { inputRoots: [saved] },
    })
    expect((await rpc('settings.get', {})).body.result.inputRoots).toEqual([saved])
    const started = await rpc('pipeline.run', { inputDir: folder })
    expect(started.status).toBe(200)
    expect((await finished(started.body.result.taskId)).state).toBe('succeeded')
  }, 120_000)

  it('lets only the window choose to keep running in the background; the choice waits for the next start', async () => {
    for (const keepRunningInBackground of [true, null]) {
      const answer = await rpc('settings.set', { keepRunningInBackground })
      expect({ status: answer.status, code: answer.body.error?.code }).toEqual({
        status: 403,
        code: 'window_only',
      })
    }
    expect(readSettingsFile(dataDir).stored.keepRunningInBackground).toBeUndefined()
    expect((await rpc('settings.get', {})).body.result.keepRunningInBackground).toEqual({
      saved: false,
      pendingRestart: false,
    })

    expect(await dispatch(core.handlers, 'settings.set', { keepRunningInBackground: 'yes' })).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringContaining('keepRunningInBackground') },
    })
    const kept = await dispatch(core.handlers, 'settings.set', { keepRunningInBackground: true })
    expect(kept).toMatchObject({ result: { keepRunningInBackground: { saved: true, pendingRestart: true } } })
    expect(readSettingsFile(dataDir).stored.keepRunningInBackground).toBe(true)
    // Cleared, it is as this process started: nothing waits for a restart.
    const cleared = await dispatch(core.handlers, 'settings.set', { keepRunningInBackground: null })
    expect(cleared).toMatchObject({
      result: { keepRunningInBackground: { saved: false, pendingRestart: false } },
    })
    expect(readSettingsFile(dataDir).stored.keepRunningInBackground).toBeUndefined()
  })

  it('reads a hand-edited inputRoots that breaks the rules as no roots, with a warning', () => {
    const dir = tempDir('medallion-policy-settings-')
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ inputRoots: ['not/absolute'], theme: 'dark' }))
    const read = readSettingsFile(dir)
    expect(read.stored).toEqual({ theme: 'dark' })
    expect(read.warnings).toEqual([
      `${join(dir, 'settings.json')}: "inputRoots" is not a list of absolute paths and is ignored`,
    ])
  })
})

describe('medallion serve', () => {
  it('gives web mode the HTTP policy, with the roots of MEDALLION_INPUT_ROOTS', async () => {
    const dataDir = tempDir('medallion-policy-serve-')
    const webRoot = tempDir('medallion-policy-serve-web-')
    const allowed = tempDir('medallion-policy-serve-root-')
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>medallion</title>')
    const { child, result } = startCli(
      ['serve', '--port', '0', '--data-dir', dataDir, '--web-root', webRoot],
      {
        MEDALLION_INPUT_ROOTS: allowed,
      },
    )
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout?.on('data', (chunk) => {
          out += chunk
          const line = /^(http:\/\/\S+)\n/m.exec(out)
          if (line?.[1]) resolve(line[1])
        })
        result.then((r) => reject(new Error(`serve exited with ${r.code}: ${r.stderr}`)))
      })
      const opened = new URL(url)
      const token = opened.searchParams.get('token') ?? ''
      const call = async (name: string, input: unknown) =>
        (await postJson(opened.origin, `/rpc/${name}`, input, bearer(token))).json() as Json
      expect((await call('app.openDataFolder', {})).error.code).toBe('window_only')
      expect((await call('pipeline.run', { inputDir: dataDir })).error.code).toBe('input_not_allowed')
      expect((await call('settings.set', { inputRoots: ['/'] })).error.code).toBe('window_only')
      // Under the root the run starts (and fails: the folder has no sources).
      expect((await call('pipeline.run', { inputDir: join(allowed, 'empty') })).result.taskId).toEqual(
        expect.any(String),
      )
    } finally {
      child.kill('SIGTERM')
      await result
    }
  }, 180_000)
})
