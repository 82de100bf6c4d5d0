/**
 * A lock file: one holder at a time among the processes of this machine (the data lock, and any other
 * file-based lease). The file holds its holder as JSON — PID, start time, host, purpose, since, and a
 * random nonce unique to this taking of the lock.
 *
 * Taking it: the holder is written to a temporary file that is hard-linked to the lock's name, so the
 * lock appears whole or not at all and exactly one of many processes creates it. Where the file system has
 * no hard links (FAT, some shares) it is created exclusively ('wx') and then written.
 *
 * Taking over a stale lock (its process gone, or its PID now another process's: process-identity.ts)
 * without the ABA problem: only the process that exclusively creates `<lock>.takeover-<nonce of the stale
 * lock>` may replace that lock. It re-reads the lock and, if it still carries that nonce, renames its own
 * holder file over it — no moment without a lock. Nobody else can change the lock in between: its holder
 * is dead and any other process would need the same claim. A process that judged the lock stale too late
 * finds the claim taken (by a live process: it backs off, then finds the new holder) or finds the lock no
 * longer carrying that nonce. A claim left by a process that died mid-takeover is stale in turn and taken
 * over the same way, one level down. So each stale lock is replaced at most once: one winner.
 *
 * Staleness never depends on time or a heartbeat (a long event-loop stall, such as Polars collecting ten
 * million rows on the main thread, never loses the lock). The one exception: a file that cannot be parsed
 * (a crash between create and write where there are no hard links, or garbage) is stale after a few seconds.
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { MedallionError } from './errors.ts'
import { isAlive, ownStartTime, processStartTime } from './process-identity.ts'
import { writeFailure } from './system-error.ts'

export interface LockHolder {
  pid: number
  host: string
  /** When the lock was taken (ISO time), for messages. */
  since: string
  purpose: string
  /** Random, unique to this taking of the lock: what a takeover checks it is replacing. */
  nonce: string
  /** The holder's start time (process-identity.ts), where the platform tells it. */
  started?: string
}

export interface FileLock {
  readonly path: string
  readonly holder: LockHolder
  /** Removes the lock file if it is still this holder's. */
  release(): void
}

export interface LockOptions {
  /** The error code when the lock is held (default 'locked'). */
  code?: string
  /** What the lock guards, for the message: "the data folder /x" (default: the lock file). */
  subject?: string
}

/** The lock is held by a live process: names the file, the holder and how to clear it. */
export class LockHeldError extends MedallionError {
  constructor(
    code: string,
    message: string,
    readonly path: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(code, message)
  }
}

/** An unparsable lock file younger than this may still be being written (no hard links). */
const UNPARSABLE_GRACE_MS = 5_000
/** How long acquire keeps retrying while other processes are mid-takeover (each takes microseconds). */
const CONTENTION_MS = 3_000
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'])
const RENAME_BUSY = new Set(['EPERM', 'EACCES', 'EBUSY'])

interface Found {
  holder?: LockHolder
  /** The nonce, or for a file without one (older Medallion, garbage) a hash of its bytes. */
  identity: string
  modifiedMs: number
}

const pauseCell = new Int32Array(new SharedArrayBuffer(4))
/** A short synchronous wait: acquire stays synchronous, like the file calls it makes. */
function pause(ms: number): void {
  Atomics.wait(pauseCell, 0, 0, ms)
}

function newHolder(purpose: string): LockHolder {
  const started = ownStartTime()
  return {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    purpose,
    nonce: randomBytes(16).toString('hex'),
    ...(started ? { started } : {}),
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as LockHolder) : undefined
  } catch {
    return undefined
  }
}

function read(path: string): Found | undefined {
  try {
    const text = readFileSync(path, 'utf8')
    const holder = parseHolder(text)
    const identity =
      typeof holder?.nonce === 'string' && /^[0-9a-f]{8,64}$/.test(holder.nonce)
        ? holder.nonce
        : createHash('sha256').update(text).digest('hex').slice(0, 32)
    return { ...(holder ? { holder } : {}), identity, modifiedMs: statSync(path).mtimeMs }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

type Verdict = 'held' | 'stale' | 'busy'

function judge({ holder, modifiedMs }: Found): Verdict {
  if (!holder) return Date.now() - modifiedMs < UNPARSABLE_GRACE_MS ? 'busy' : 'stale'
  // Another machine's process (a shared folder) cannot be checked from here.
  if (holder.host !== hostname()) return 'held'
  if (!isAlive(holder.pid)) return 'stale'
  const started = holder.started ? processStartTime(holder.pid) : undefined
  return started !== undefined && started !== holder.started ? 'stale' : 'held'
}

function temporaryFor(path: string, holder: LockHolder): string {
  return `${path}.${holder.nonce}.tmp`
}

/** Creates `path` holding `holder` if no file has that name; false if one does. */
function createExclusive(path: string, holder: LockHolder): boolean {
  const text = JSON.stringify(holder)
  const temporary = temporaryFor(path, holder)
  writeFileSync(temporary, text, { flag: 'wx' })
  try {
    linkSync(temporary, path)
    return true
  } catch (err) {
    const { code } = err as NodeJS.ErrnoException
    if (code === 'EEXIST') return false
    if (!NO_HARD_LINKS.has(code ?? '')) throw err
    return createByOpen(path, text)
  } finally {
    rmSync(temporary, { force: true })
  }
}

function createByOpen(path: string, text: string): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  }
  try {
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
  return true
}

/** Puts `holder` in place of whatever `path` holds, in one rename. */
function replace(path: string, holder: LockHolder): void {
  const temporary = temporaryFor(path, holder)
  writeFileSync(temporary, JSON.stringify(holder), { flag: 'wx' })
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        renameSync(temporary, path)
        return
      } catch (err) {
        // Windows refuses to rename over a file another process has open for a moment.
        if (attempt >= 20 || !RENAME_BUSY.has((err as NodeJS.ErrnoException).code ?? '')) throw err
        pause(5)
      }
    }
  } finally {
    rmSync(temporary, { force: true })
  }
}

function removeIfHeldBy(path: string, holder: LockHolder): void {
  if (read(path)?.identity === holder.nonce) rmSync(path, { force: true })
}

/**
 * Replaces the stale `found` at `target` with `mine`; false when another process replaced it first or is
 * replacing it now. `lockPath` names the claims.
 */
function takeOver(lockPath: string, target: string, found: Found, mine: LockHolder): boolean {
  const claimPath = `${lockPath}.takeover-${found.identity}`
  const claim = newHolder(`taking over ${target}`)
  if (!createExclusive(claimPath, claim)) {
    const other = read(claimPath)
    // Gone (the takeover just ended) or alive: let the caller look at the lock again.
    if (!other || judge(other) !== 'stale') return false
    if (!takeOver(lockPath, claimPath, other, claim)) return false
  }
  try {
    if (read(target)?.identity !== found.identity) return false
    replace(target, mine)
    return true
  } finally {
    removeIfHeldBy(claimPath, claim)
  }
}

function heldError(path: string, found: Found | undefined, options: LockOptions): LockHeldError {
  const subject = options.subject ?? path
  const holder = found?.holder
  const code = options.code ?? 'locked'
  if (!holder) {
    return new LockHeldError(
      code,
      `${subject} is being locked by another process (lock file ${path}); try again in a moment, or delete ${path} if it stays`,
      path,
      undefined,
    )
  }
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`
  return new LockHeldError(
    code,
    `${subject} is in use by process ${holder.pid}${where} (${holder.purpose}, since ${holder.since}); ` +
      `lock file ${path}. Wait for it to finish, or stop process ${holder.pid}${where}; ` +
      `if you are sure nothing is running there, delete ${path}`,
    path,
    holder,
  )
}

/**
 * Takes the lock at `path` for `purpose`, or throws LockHeldError naming its holder; a file system error
 * (a read-only disk, a folder of that name) is named with the lock's path.
 */
export function acquireFileLock(path: string, purpose: string, options: LockOptions = {}): FileLock {
  try {
    return acquire(path, purpose, options)
  } catch (err) {
    throw err instanceof LockHeldError ? err : writeFailure(err, path)
  }
}

function acquire(path: string, purpose: string, options: LockOptions): FileLock {
  mkdirSync(dirname(path), { recursive: true })
  const mine = newHolder(purpose)
  const deadline = Date.now() + CONTENTION_MS
  let found: Found | undefined
  for (;;) {
    if (createExclusive(path, mine)) break
    found = read(path)
    const verdict = found ? judge(found) : 'busy'
    if (verdict === 'held') throw heldError(path, found, options)
    if (verdict === 'stale' && found && takeOver(path, path, found, mine)) break
    // Still contended after a while (a takeover or a write that stalls): no holder to name.
    if (Date.now() > deadline) throw heldError(path, undefined, options)
    pause(1 + Math.floor(Math.random() * 4))
  }
  let released = false
  return {
    path,
    holder: mine,
    release: () => {
      if (released) return
      released = true
      try {
        removeIfHeldBy(path, mine)
      } catch {
        // Left in place, the lock is stale once this process ends, and then taken over.
      }
    },
  }
}

/** Who holds the lock at `path` now: its holder while its process lives, undefined when free or stale. */
export function liveLockHolder(path: string): LockHolder | undefined {
  const found = read(path)
  return found && judge(found) === 'held' ? found.holder : undefined
}
