/**
 * One publish at a time per database. Two publishes interleaving would each delete what the other just
 * wrote as stale, so a publish first takes a lease in the publish document (`in_progress`: who, since when,
 * last heartbeat) and refreshes it while it works. A lease whose holder died is taken over: at once when
 * the holder was a process of this machine that no longer exists, after LEASE_EXPIRY_MS without a
 * heartbeat otherwise. Every change of the document bumps `revision`, which readers use to know when
 * their cached answers went stale (publish-cache.ts).
 */
import { hostname } from 'node:os'
import type { Collection, Document } from 'mongodb'
import { MedallionError } from '../errors.ts'
import { isAlive } from '../process-identity.ts'
import { PUBLISH_DOC_ID } from './gold-documents.ts'

export const LEASE_EXPIRY_MS = 120_000
const HEARTBEAT_EVERY_MS = 5_000

export interface LeaseHolder {
  publish_id: string
  run_id: string
  started_at: Date
  heartbeat_at?: Date
  host?: string
  pid?: number
}

/** The publish document's shape as far as the lease writes it; other fields are the last publish's. */
interface PublishDoc extends Document {
  _id: string
  revision?: number
  in_progress?: LeaseHolder
}

export type PublishDocs = Collection<PublishDoc>

export interface PublishLease {
  /** Refreshes the heartbeat (at most every few seconds); throws when another publish took the lease. */
  heartbeat(): Promise<void>
  /** Ends the lease with the publish's outcome written into the document. */
  finish(result: Record<string, unknown>): Promise<void>
  /** Gives the lease up after a failure or a cancel, leaving the last finished publish described. */
  abandon(): Promise<void>
}

function isStale(holder: LeaseHolder, now: number): boolean {
  if (holder.host === hostname() && holder.pid !== undefined && !isAlive(holder.pid)) return true
  const last = holder.heartbeat_at ?? holder.started_at
  return !(last instanceof Date) || now - last.getTime() > LEASE_EXPIRY_MS
}

function busy(where: string, holder: LeaseHolder | undefined): MedallionError {
  const who = holder
    ? `publish ${holder.publish_id} of run ${holder.run_id}` +
      (holder.pid ? ` by process ${holder.pid} on ${holder.host}` : '') +
      `, started ${holder.started_at instanceof Date ? holder.started_at.toISOString() : '?'}`
    : 'another publish'
  return new MedallionError(
    'publish_in_progress',
    `${who} is already publishing to ${where}; wait for it to finish (a publisher that died is taken over after ${LEASE_EXPIRY_MS / 1000} s)`,
  )
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000
}

export async function acquirePublishLease(
  docs: PublishDocs,
  where: string,
  publish: { publishId: string; runId: string; startedAt: Date },
): Promise<PublishLease> {
  const current = await docs.findOne({ _id: PUBLISH_DOC_ID })
  const holder = current?.in_progress as LeaseHolder | undefined
  if (holder && !isStale(holder, Date.now())) throw busy(where, holder)

  const mine: LeaseHolder = {
    publish_id: publish.publishId,
    run_id: publish.runId,
    started_at: publish.startedAt,
    heartbeat_at: new Date(),
    host: hostname(),
    pid: process.pid,
  }
  // Conditional on what was read: of two publishes racing for the same lease, one matches nothing.
  const filter = holder
    ? { _id: PUBLISH_DOC_ID, 'in_progress.publish_id': holder.publish_id }
    : { _id: PUBLISH_DOC_ID, in_progress: { $exists: false } }
  try {
    const taken = await docs.updateOne(
      filter,
      { $set: { in_progress: mine }, $inc: { revision: 1 } },
      { upsert: !current },
    )
    if (taken.matchedCount + taken.upsertedCount === 0) throw busy(where, undefined)
  } catch (err) {
    if (isDuplicateKey(err)) throw busy(where, undefined)
    throw err
  }

  const held = { _id: PUBLISH_DOC_ID, 'in_progress.publish_id': publish.publishId }
  let lastBeat = Date.now()
  return {
    async heartbeat() {
      if (Date.now() - lastBeat < HEARTBEAT_EVERY_MS) return
      lastBeat = Date.now()
      const beat = await docs.updateOne(held, { $set: { 'in_progress.heartbeat_at': new Date() } })
      if (beat.matchedCount === 0) {
        const now = await docs.findOne({ _id: PUBLISH_DOC_ID })
        throw busy(where, now?.in_progress as LeaseHolder | undefined)
      }
    },
    async finish(result) {
      await docs.updateOne(held, { $set: result, $unset: { in_progress: '' }, $inc: { revision: 1 } })
    },
    async abandon() {
      await docs.updateOne(held, { $unset: { in_progress: '' }, $inc: { revision: 1 } })
    },
  }
}
