/**
 * The data lock with real processes: many children taking over one stale lock at the same moment, a PID
 * that now belongs to another process, and the messages a refused process shows.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { acquireDataLock, LOCK_FILE } from '../src-main/core/data-lock.ts'
import { errorCode, errorMessage } from '../src-main/core/errors.ts'
import { acquireFileLock, type LockHolder } from '../src-main/core/file-lock.ts'
import { processStartTime } from '../src-main/core/process-identity.ts'
import { REPO_ROOT, tempDir } from './helpers/temp-data.ts'

const CHILDREN = 8
const ROUNDS = 50

/** A lock child (helpers/lock-child.ts): send it a line, read its next line. */
class LockChild {
  private readonly lines: string[] = []
  private waiting?: (line: string) => void
  readonly process: ChildProcess

  constructor() {
    this.process = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'tests', 'helpers', 'lock-child.ts')],
      { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    )
    createInterface({ input: this.process.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const waiting = this.waiting
      this.waiting = undefined
      if (waiting) waiting(line)
      else this.lines.push(line)
    })
  }

  next(): Promise<string> {
    const line = this.lines.shift()
    if (line !== undefined) return Promise.resolve(line)
    return new Promise((resolve) => {
      this.waiting = resolve
    })
  }

  send(line: string): void {
    this.process.stdin?.write(`${line}\n`)
  }
}

/** The PID of a process that has just ended. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '0']).pid
  if (!pid) throw new Error('no child pid')
  return pid
}

function plant(dataDir: string, holder: Partial<LockHolder>): string {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  writeFileSync(path, JSON.stringify(holder))
  return path
}

function lockFiles(dataDir: string): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith(LOCK_FILE))
}

function refusal(work: () => unknown): { code: string; message: string } {
  try {
    work()
  } catch (err) {
    return { code: errorCode(err), message: errorMessage(err) }
  }
  throw new Error('the lock was taken')
}

/** Round after round: plant a stale lock, let every child take it at the same instant, count holders. */
async function race(dataDir: string, children: LockChild[]): Promise<void> {
  expect(await Promise.all(children.map((c) => c.next()))).toEqual(Array(CHILDREN).fill('ready'))
  const holdersPerRound: number[] = []
  const dead = deadPid()
  for (let round = 0; round < ROUNDS; round++) {
    // Every other round the stale lock is an older Medallion's (no nonce, no start time).
    const stale = { pid: dead, host: hostname(), since: new Date(0).toISOString(), purpose: 'killed run' }
    plant(
      dataDir,
      round % 2 ? stale : { ...stale, nonce: randomBytes(16).toString('hex'), started: 'linux gone 1' },
    )
    const startAt = Date.now() + 40
    for (const child of children) child.send(`take ${dataDir} ${startAt}`)
    const answers = await Promise.all(children.map((c) => c.next()))
    const winners = answers.filter((a) => a === 'got')
    holdersPerRound.push(winners.length)
    // The others were refused, told who holds it and where the lock file is.
    for (const answer of answers.filter((a) => a !== 'got')) {
      expect(answer).toMatch(/^refused the data folder .* is in use by process \d+ \(lock test, since /)
      expect(answer).toContain(join(dataDir, LOCK_FILE))
    }
    const holder = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockHolder
    expect(children.map((c) => c.process.pid)).toContain(holder.pid)
    for (const child of children) child.send('release')
    expect(await Promise.all(children.map((c) => c.next()))).toEqual(Array(CHILDREN).fill('released'))
    // Released, and no claim or temporary file left behind.
    expect(lockFiles(dataDir)).toEqual([])
  }
  expect(holdersPerRound).toEqual(Array(ROUNDS).fill(1))
}

/** A lock naming live `pid`: taken over when its start time is another's, refused when it is its own. */
function pidReuse(dataDir: string, pid: number): void {
  const started = processStartTime(pid)
  expect(started).toBeDefined()
  const planted = {
    pid,
    host: hostname(),
    since: '2024-01-01T00:00:00.000Z',
    purpose: 'pipeline run',
    nonce: randomBytes(16).toString('hex'),
  }

  // The PID is alive but belongs to another process than the one that took the lock.
  plant(dataDir, { ...planted, started: `${started}0` })
  const lock = acquireDataLock(dataDir, 'taking over')
  expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid)
  lock.release()
  expect(existsSync(lock.path)).toBe(false)

  // The very process that took it: refused, with the file, the holder and how to clear it.
  const path = plant(dataDir, { ...planted, started })
  const refused = refusal(() => acquireDataLock(dataDir, 'second'))
  expect(refused.code).toBe('data_locked')
  expect(refused.message).toBe(
    `the data folder ${dataDir} is in use by process ${pid} (pipeline run, since 2024-01-01T00:00:00.000Z); ` +
      `lock file ${path}. Wait for it to finish, or stop process ${pid}; ` +
      `if you are sure nothing is running there, delete ${path}`,
  )
  expect(existsSync(path)).toBe(true)
}

describe('the data lock', () => {
  const root = tempDir('medallion-lock-')

  it(`${CHILDREN} processes taking over a stale lock at once, ${ROUNDS} rounds: exactly one holder each round`, async () => {
    const dataDir = join(root, 'race')
    const children = Array.from({ length: CHILDREN }, () => new LockChild())
    try {
      await race(dataDir, children)
    } finally {
      for (const child of children) child.process.kill()
    }
  }, 120_000)

  it.skipIf(process.platform === 'win32')(
    'a lock naming a live process that started at another time is taken over; at its own start time it is refused',
    () => {
      const dataDir = join(root, 'reused-pid')
      const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
      try {
        pidReuse(dataDir, live.pid as number)
      } finally {
        live.kill()
      }
    },
  )

  it('refuses a lock held by a live process without a start time, and one held on another machine', () => {
    const dataDir = join(root, 'held')
    plant(dataDir, { pid: process.ppid, host: hostname(), since: 'then', purpose: 'older Medallion' })
    expect(refusal(() => acquireDataLock(dataDir, 'x')).message).toMatch(
      new RegExp(`in use by process ${process.ppid} \\(older Medallion, since then\\)`),
    )
    plant(dataDir, {
      pid: deadPid(),
      host: 'elsewhere.example',
      since: 'then',
      purpose: 'run',
      nonce: 'ab'.repeat(8),
    })
    expect(refusal(() => acquireDataLock(dataDir, 'x')).message).toMatch(
      /in use by process \d+ on elsewhere\.example .* stop process \d+ on elsewhere\.example/,
    )
  })

  it('takes over a takeover left half-done by a process that died, and an old unreadable lock', () => {
    const dataDir = join(root, 'half-done')
    const nonce = randomBytes(16).toString('hex')
    const dead = deadPid()
    plant(dataDir, { pid: dead, host: hostname(), since: 'then', purpose: 'run', nonce })
    // The claim on that stale lock, left by a process that died before replacing it.
    writeFileSync(
      join(dataDir, `${LOCK_FILE}.takeover-${nonce}`),
      JSON.stringify({
        pid: dead,
        host: hostname(),
        since: 'then',
        purpose: 'takeover',
        nonce: 'cd'.repeat(8),
      }),
    )
    const lock = acquireDataLock(dataDir, 'after a crash')
    expect(lockFiles(dataDir)).toEqual([LOCK_FILE])
    lock.release()

    // Garbage in the lock file: being written if recent, stale once old.
    const path = plant(dataDir, {})
    writeFileSync(path, '{"pi')
    expect(refusal(() => acquireFileLock(path, 'x', { code: 'data_locked' })).message).toMatch(
      /is being locked by another process/,
    )
    utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    acquireDataLock(dataDir, 'after garbage').release()
    expect(lockFiles(dataDir)).toEqual([])
  })

  it('a holder releases only its own lock', () => {
    const dataDir = join(root, 'release')
    const lock = acquireDataLock(dataDir, 'first')
    const other = {
      pid: process.ppid,
      host: hostname(),
      since: 'now',
      purpose: 'other',
      nonce: 'ef'.repeat(8),
    }
    plant(dataDir, other)
    lock.release()
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).nonce).toBe(other.nonce)
  })
})
