/**
 * Pull progress from the events an engine sends: Docker's byte counts per layer (the sequence a real
 * `docker pull` streams) and Podman's bare layer statuses.
 */
import { describe, expect, it } from 'vitest'
import { type PullEvent, PullProgress } from '../src-main/core/stack/pull-progress.ts'

function feed(events: PullEvent[]): PullProgress {
  const progress = new PullProgress()
  for (const event of events) progress.update(event)
  return progress
}

describe('pull progress', () => {
  const a = 'aaaaaaaaaaaa'
  const b = 'bbbbbbbbbbbb'
  const start: PullEvent[] = [
    { status: 'Pulling from library/alpine', id: '3.19' },
    { status: 'Pulling fs layer', id: a },
    { status: 'Pulling fs layer', id: b },
    { status: 'Downloading', id: a, progressDetail: { current: 500_000, total: 1_000_000 } },
    { status: 'Downloading', id: b, progressDetail: { current: 1_000_000, total: 3_000_000 } },
  ]

  it('counts bytes when the engine gives them, downloading as the first half of a layer', () => {
    const progress = feed(start)
    expect(progress.fraction).toBeCloseTo((0.25 + 1 / 6) / 2)
    expect(progress.describe()).toBe('0/2 layers, 1.5 MB of 4.0 MB')
  })

  it('moves through extraction to complete layers', () => {
    const progress = feed([
      ...start,
      { status: 'Download complete', id: a, progressDetail: {} },
      { status: 'Extracting', id: a, progressDetail: { current: 500_000, total: 1_000_000 } },
    ])
    expect(progress.fraction).toBeCloseTo((0.75 + 1 / 6) / 2)
    progress.update({ status: 'Pull complete', id: a })
    progress.update({ status: 'Pull complete', id: b })
    progress.update({ status: 'Digest: sha256:0123' })
    expect(progress.fraction).toBe(1)
    expect(progress.describe()).toBe('2/2 layers, 4.0 MB of 4.0 MB')
  })

  it('counts layers when the engine gives no bytes, and never goes back when a layer shows up late', () => {
    const progress = feed([
      { status: 'Already exists', id: '8313707d0085', progressDetail: {} },
      { status: 'Pulling fs layer', id: a, progressDetail: {} },
    ])
    expect(progress.fraction).toBe(1)
    expect(progress.describe()).toBe('1/2 layers')
    progress.update({ status: 'Download complete', id: a, progressDetail: {} })
    expect(progress.fraction).toBe(1)
  })
})
