/**
 * A run or a publish that finally fails raises `work.failed` (one, after its retries); the window turns it
 * into a desktop notification. Electron cannot run here, so main's `show` is injected: what it is handed
 * comes from a real failing run of a real core.
 */
import { describe, expect, it } from 'vitest'
import { generateSources } from '../pipelines/generate/generate.ts'
import { acquireDataLock } from '../src-main/core/data-lock.ts'
import { type FailureNotification, notifyFailures } from '../src-main/failure-notifications.ts'
import type { WorkFailure } from '../src-preload/contract.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

describe('failure notices', () => {
  it('one notice for a run that finally failed after its retries, none for a success or a cancel', async () => {
    const dataDir = tempDir()
    const core = testCore(dataDir)
    const failures: WorkFailure[] = []
    const shown: FailureNotification[] = []
    core.events.on('work.failed', (failure) => failures.push(failure))
    const stop = notifyFailures(
      core.events,
      (notification) => shown.push(notification),
      () => {},
    )

    const lock = acquireDataLock(dataDir, 'a test holding the folder')
    const retried = core.pipeline.start({
      from: 'bronze',
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
      trigger: 'watch',
    })
    await expect(retried.done).rejects.toMatchObject({ code: 'data_locked' })
    lock.release()
    expect(failures.map((f) => [f.taskId, f.kind, f.title])).toEqual([
      [retried.task.id, 'pipeline', 'Pipeline run'],
    ])
    expect(failures[0]?.error).toContain('.medallion.lock')
    expect(shown).toHaveLength(1)
    expect(shown[0]?.title).toBe('Medallion: Pipeline run failed')
    expect(shown[0]?.body).toContain('.medallion.lock')

    const sources = tempDir('medallion-notice-src-')
    await generateSources({ outDir: sources, clients: 20, purchases: 100 })
    await core.pipeline.start({ from: 'bronze', inputDir: sources }).done
    const cancelled = core.pipeline.start({ from: 'bronze', inputDir: sources })
    cancelled.task.cancel()
    await expect(cancelled.done).rejects.toThrow()
    const publish = core.publish()
    await expect(publish.done).rejects.toMatchObject({ code: 'no_mongo' })
    expect(failures.map((f) => f.kind)).toEqual(['pipeline', 'publish'])
    expect(shown).toHaveLength(2)
    stop()
  })
})
