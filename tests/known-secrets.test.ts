/**
 * The core's own redaction, beyond the patterns: a secret it knows (the environment's, the decrypted
 * settings', one saved while it runs) is masked even alone, in every task log line, step label and error,
 * the error a caller catches, a failed run's record, and a call's error — whichever way it got there.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createCore } from '../src-main/core/app-core.ts'
import { dispatch } from '../src-main/core/rpc.ts'
import { keySecretBox } from '../src-main/core/settings/key-secret-box.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

const ENV_SECRET = 'EnvOnly-S3-Key-8812'
const SAVED_SECRET = 'Saved-Later-Token-4471'

describe("the core's known secrets", () => {
  const dataDir = tempDir('medallion-known-secrets-')
  const core = createCore({
    dataDir,
    paths: SOURCE_PATHS,
    env: { MINIO_SECRET_KEY: ENV_SECRET },
    secretBox: keySecretBox(randomBytes(32)),
  })
  afterAll(() => core.close())
  const events: string[] = []
  core.events.on('task.log', (entry) => events.push(JSON.stringify(entry)))
  core.events.on('task.changed', (info) => events.push(JSON.stringify(info)))

  it('masks them in a task’s log, step and error, and in the error its caller catches', async () => {
    const { task, done } = core.tasks.run('probe', 'Probe', async (t) => {
      t.log(`using key ${ENV_SECRET}`)
      t.progress(0.5, `step with ${ENV_SECRET}`)
      throw new Error(`refused: ${encodeURIComponent(ENV_SECRET)}`)
    })
    const caught = await done.then(
      () => '',
      (err: Error) => err.message,
    )
    expect(caught).toBe('refused: ***')
    expect(task.info).toMatchObject({ state: 'failed', error: 'refused: ***', step: 'step with ***' })
    expect(task.info.logs).toEqual(['using key ***'])
    expect(events.join('\n')).not.toContain(ENV_SECRET)
  })

  it('masks a secret saved while it runs, in a failed run’s task, record and call errors', async () => {
    const saved = await dispatch(core.handlers, 'settings.set', { mlflowToken: SAVED_SECRET })
    expect(saved).toHaveProperty('result')
    // A path that happens to hold the secret, echoed by the run's error.
    const inputDir = `/nonexistent/${SAVED_SECRET}`
    const { task, done } = core.pipeline.start({ from: 'bronze', inputDir })
    await done.catch(() => {})
    expect(task.info.state).toBe('failed')
    expect(task.info.error).toContain('/nonexistent/***')
    const runs = (await dispatch(core.handlers, 'pipeline.runs', { limit: 5 })) as {
      result: { inputDir?: string; error?: string }[]
    }
    const [record] = runs.result
    expect(record?.error).toContain('/nonexistent/***')
    // The only place it stays is the input folder the caller named, as given.
    expect(JSON.stringify({ ...record, inputDir: undefined })).not.toContain(SAVED_SECRET)
    // A call's error that echoes its input.
    const answer = await dispatch(core.handlers, 'stack.logs', { service: SAVED_SECRET })
    expect(answer).toMatchObject({ error: { message: expect.stringContaining('no service "***"') } })
    for (const text of [JSON.stringify(answer), events.join('\n')]) expect(text).not.toContain(SAVED_SECRET)
  })
})
