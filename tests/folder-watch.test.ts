/** The watcher behind `medallion watch`: files copied in slowly settle into exactly one signal. */
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { coalescedRuns } from '../src-main/core/automation/coalesced-runs.ts'
import { type FolderWatch, watchFolder } from '../src-main/core/automation/folder-watch.ts'
import { tempDir } from './helpers/temp-data.ts'

const SETTLE_MS = 1500
const clients = `id_client,nom,email,date_inscription,ville\n${Array.from(
  { length: 200 },
  (_, i) => `${i + 1},Client ${i + 1},c${i + 1}@example.com,2024-01-15,Paris`,
).join('\n')}\n`

/** Writes `text` into `path` in `chunks` pieces, `gapMs` apart (a slow copy). */
async function copySlowly(path: string, text: string, chunks: number, gapMs: number): Promise<void> {
  const size = Math.ceil(text.length / chunks)
  writeFileSync(path, '')
  for (let at = 0; at < text.length; at += size) {
    appendFileSync(path, text.slice(at, at + size))
    await sleep(gapMs)
  }
}

let watch: FolderWatch | undefined
afterEach(async () => {
  await watch?.close()
  watch = undefined
})

/** Starts a watch on `dir` recording, at each signal, the size of clients.csv then. */
async function watched(
  dir: string,
): Promise<{ sizes: number[]; errors: Error[]; next: () => Promise<void> }> {
  const sizes: number[] = []
  const errors: Error[] = []
  let wake = () => {}
  watch = watchFolder({
    dir,
    settleMs: SETTLE_MS,
    onSettled: () => {
      sizes.push(statSync(join(dir, 'clients.csv'), { throwIfNoEntry: false })?.size ?? -1)
      wake()
    },
    onError: (error) => errors.push(error),
  })
  // chokidar loads and scans the folder before it reports anything.
  await sleep(500)
  return {
    sizes,
    errors,
    next: () =>
      new Promise<void>((done) => {
        wake = done
      }),
  }
}

describe('watchFolder', () => {
  it('signals once, after a file copied in chunks has settled, with the whole file there', async () => {
    const dir = tempDir('medallion-watch-')
    const { sizes, errors, next } = await watched(dir)
    const settled = next()
    await copySlowly(join(dir, 'clients.csv'), clients, 20, 100)
    await copySlowly(
      join(dir, 'achats.csv'),
      'id_achat,id_client,date_achat,montant\n1,1,2024-02-01,10.5\n',
      4,
      100,
    )
    await settled
    // Another settle time with nothing copied: no second signal.
    await sleep(SETTLE_MS * 2)
    expect(sizes).toEqual([Buffer.byteLength(clients)])
    expect(readFileSync(join(dir, 'clients.csv'), 'utf8')).toBe(clients)
    expect(errors).toEqual([])
  })

  it('signals again for a later change, and ignores files a run does not read', async () => {
    const dir = tempDir('medallion-watch-')
    writeFileSync(join(dir, 'clients.csv'), clients)
    const { sizes, next } = await watched(dir)
    // Present before the watch: no signal. Other names (a partial upload, notes): no signal.
    writeFileSync(join(dir, 'clients.csv.part'), 'x')
    writeFileSync(join(dir, 'notes.txt'), 'x')
    await sleep(SETTLE_MS * 2)
    expect(sizes).toEqual([])
    const settled = next()
    appendFileSync(join(dir, 'clients.csv'), '201,Client 201,c201@example.com,2024-01-15,Lyon\n')
    await settled
    expect(sizes).toEqual([statSync(join(dir, 'clients.csv')).size])
  })

  it('stops signalling once closed', async () => {
    const dir = tempDir('medallion-watch-')
    const { sizes } = await watched(dir)
    writeFileSync(join(dir, 'clients.csv'), clients)
    await watch?.close()
    await sleep(SETTLE_MS * 2)
    expect(sizes).toEqual([])
  })
})

describe('coalescedRuns', () => {
  it('runs one at a time, and turns the requests made during a run into one more run', async () => {
    const started: number[] = []
    let finish = () => {}
    const runs = coalescedRuns(async () => {
      started.push(started.length + 1)
      await new Promise<void>((done) => {
        finish = done
      })
    })
    runs.request()
    runs.request()
    runs.request()
    expect(started).toEqual([1])
    finish()
    await sleep(10)
    expect(started).toEqual([1, 2])
    finish()
    await runs.idle()
    expect(started).toEqual([1, 2])
    runs.request()
    expect(started).toEqual([1, 2, 3])
    finish()
    await runs.idle()
  })
})
