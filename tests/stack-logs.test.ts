/**
 * A service's logs from a real engine: every line with its stream and time, tail, since, search, follow
 * (ends when aborted), export to a file, and a clear error for a service without a container.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { exportLogs, type LogLine, type LogOptions, logs } from '../src-main/core/stack/stack-logs.ts'
import { up } from '../src-main/core/stack/stack-up.ts'
import { ENGINE_LABEL, fixturePlan, PODMAN, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { ensureTestImage } from './helpers/test-images.ts'

// The tests skip when there is no engine; inside them it is there.
const engine = PODMAN.engine as Engine

describe.skipIf(!PODMAN.engine)(`stack logs (${ENGINE_LABEL})`, () => {
  const project = uniqueProject('logs')
  const dir = mkdtempSync(join(tmpdir(), 'medallion-logs-'))

  async function read(options: LogOptions = {}): Promise<LogLine[]> {
    const lines: LogLine[] = []
    for await (const line of logs(engine, project, 'talker', options)) lines.push(line)
    return lines
  }

  beforeAll(async () => {
    const plan = await fixturePlan('chatty.yml', project, { TEST_IMAGE: await ensureTestImage(engine) })
    await up(engine, plan, { timeoutMs: 20_000 })
    // A few ticks, so the numbered lines are well in the past (200 ms apart).
    for (let i = 0; i < 50 && (await read()).filter((l) => l.text.startsWith('tick-')).length < 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })

  afterAll(async () => {
    await removeTestProject(engine, project)
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads every line in order, telling stdout from stderr, each with its time', async () => {
    const lines = await read()
    // stdout and stderr reach the engine through separate pipes: their relative order is not kept.
    expect(lines.filter((l) => l.stream === 'stdout').slice(0, 6)).toEqual([
      ...[1, 2, 3, 4, 5].map((i) => ({ stream: 'stdout', text: `line-${i}`, time: expect.any(String) })),
      { stream: 'stdout', text: 'tick-1', time: expect.any(String) },
    ])
    expect(lines.filter((l) => l.stream === 'stderr')).toEqual([
      { stream: 'stderr', text: 'oops-on-stderr', time: expect.any(String) },
    ])
    expect(Date.parse((lines[0]?.time ?? '').replace(/(\.\d{3})\d+/, '$1'))).toBeGreaterThan(
      Date.now() - 60_000,
    )
  })

  it('keeps the last lines with tail, the recent ones with since, the matching ones with search', async () => {
    const tail = await read({ tail: 3 })
    expect(tail).toHaveLength(3)
    expect(tail.every((l) => l.text.startsWith('tick-'))).toBe(true)

    // Since the time of the first line logged after line-1's (Podman stamps whole seconds, Docker
    // nanoseconds): that line comes first, and nothing logged before it.
    const all = await read()
    const later = all.find((l) => (l.time ?? '') > (all[0]?.time ?? ''))
    const since = await read({
      since: new Date(Date.parse((later?.time ?? '').replace(/(\.\d{3})\d+/, '$1'))),
    })
    expect(since[0]).toEqual(later)
    expect(since.some((l) => l.text.startsWith('line-'))).toBe(false)

    expect((await read({ search: 'LINE-' })).map((l) => l.text)).toEqual([
      'line-1',
      'line-2',
      'line-3',
      'line-4',
      'line-5',
    ])
    expect((await read({ search: 'oops' })).map((l) => l.stream)).toEqual(['stderr'])
  })

  it('follows new lines until aborted, then ends without an error', async () => {
    const controller = new AbortController()
    const followed: string[] = []
    for await (const line of logs(engine, project, 'talker', {
      follow: true,
      tail: 0,
      signal: controller.signal,
    })) {
      followed.push(line.text)
      if (followed.length === 4) controller.abort()
    }
    expect(followed).toHaveLength(4)
    const ticks = followed.map((text) => Number(text.replace('tick-', '')))
    expect(ticks).toEqual([ticks[0], (ticks[0] ?? 0) + 1, (ticks[0] ?? 0) + 2, (ticks[0] ?? 0) + 3])
  })

  it('exports the lines to a file', async () => {
    const file = join(dir, 'talker.log')
    expect(await exportLogs(engine, project, 'talker', file, { search: 'line-' })).toBe(5)
    const exported = readFileSync(file, 'utf8').trimEnd().split('\n')
    expect(exported).toHaveLength(5)
    expect(exported[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ stdout line-1$/)
  })

  it('says when a service has no container', async () => {
    const missing = await (async () => {
      for await (const _ of logs(engine, project, 'nobody')) return undefined
    })().catch((e) => e)
    expect(missing.code).toBe('service_not_found')
    expect(missing.message).toContain(`Service "nobody" of project "${project}" has no container`)
  })
})
