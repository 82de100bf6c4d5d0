/**
 * The lake on S3 (MinIO in the stack): the buckets bronze, silver and gold hold `<run id>/<table>.parquet`,
 * so the layer folder `gold/<run id>` is the prefix `<run id>/` of the gold bucket. Run records sit in the
 * gold bucket under `_runs/<run id>.json`: they say which gold is current, so they live beside it, need no
 * fourth bucket for `minio-init` to create, and anyone who may read gold may read them (`_runs` is never a
 * run id, so it is never taken for a folder). S3 has no rename: a run uploads its folders, then commits by
 * writing its record last, and readers go through the newest succeeded record.
 *
 * The worker reads and writes local files only. A run stages its layers in a local cache laid out like a
 * local lake (`<cache>/<layer>/<run id>/`) and `persistStaged` uploads them; `localLayerDir` hands readers a
 * local copy of a committed folder, downloaded once (a committed folder never changes, so its name is its
 * content) into a temporary folder and then renamed, so a half download is never used.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as delay } from 'node:timers/promises'
import type { S3Client } from '@aws-sdk/client-s3'

type S3Sdk = typeof import('@aws-sdk/client-s3')

import type { Layer, RunRecord } from '../../../src-preload/contract.ts'
import { LAYERS } from '../../../src-preload/values.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { foreignExcerpt } from '../redact.ts'
import {
  currentOf,
  isRunId,
  type Lake,
  lastCommitSeq,
  layerFolder,
  newestFirst,
  parseRunRecord,
  parseStagingMark,
  planPrune,
  runIdsIn,
  type StagingMark,
  stagingMarkName,
} from './lake.ts'
import { LocalLake } from './local-lake.ts'
import { DEFAULT_S3_BUCKETS, DEFAULT_S3_REGION, redactSecretKey, type S3LakeConfig } from './s3-config.ts'

const RUNS_PREFIX = '_runs/'
/** S3 takes at most 1000 keys per DeleteObjects. */
const DELETE_BATCH = 1000
const UPLOAD_ATTEMPTS = 3
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])
const DENIED_NAMES = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'Forbidden'])

/** What an S3 call acts on, for its error message. */
interface Target {
  action: string
  bucket: string
  key?: string
}

interface SdkFailure {
  name?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
}

function failureOf(err: unknown): SdkFailure {
  return typeof err === 'object' && err !== null ? (err as SdkFailure) : {}
}

function isUnreachable(err: unknown): boolean {
  const { name, code } = failureOf(err)
  return NETWORK_CODES.has(code ?? '') || name === 'TimeoutError'
}

/** Worth another try: the network, or the server failing rather than refusing. */
function isTransient(err: unknown): boolean {
  const status = failureOf(err).$metadata?.httpStatusCode ?? 0
  return isUnreachable(err) || status >= 500
}

export class S3Lake implements Lake {
  private connection?: Promise<{ client: S3Client; sdk: S3Sdk }>
  private readonly buckets: Record<Layer, string>
  /** Staged and downloaded layer folders, laid out as a local lake (it holds no run records). */
  private readonly cache: LocalLake

  constructor(private readonly config: S3LakeConfig) {
    this.buckets = config.buckets ?? DEFAULT_S3_BUCKETS
    this.cache = new LocalLake(config.cacheDir)
  }

  /** The SDK and its client, loaded with the first request: a folder on the local lake never needs them. */
  private send<T>(request: (client: S3Client, sdk: S3Sdk) => Promise<T>): Promise<T> {
    const { config } = this
    this.connection ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: config.endpoint,
        region: config.region ?? DEFAULT_S3_REGION,
        credentials: { accessKeyId: config.accessKey, secretAccessKey: config.secretKey },
        // MinIO serves buckets as paths (`/gold/<key>`), not as host names.
        forcePathStyle: true,
        // Checksums only where S3 requires them: several S3-compatible servers reject the newer defaults.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // A dead endpoint must fail in seconds, not hang a run; no request timeout (uploads can be large).
        requestHandler: { connectionTimeout: 5_000 },
        // The SDK warns on the console (breaking the CLI's --json output); failures reach the user as errors.
        logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      }),
    }))
    return this.connection.then(({ client, sdk }) => request(client, sdk))
  }

  get location(): string {
    const { bronze, silver, gold } = this.buckets
    return `${this.config.endpoint} (buckets ${bronze}, ${silver}, ${gold})`
  }

  /** Where a layer folder lives, for messages: `s3://<bucket>/<run id>/`. */
  describeFolder(folder: string): string {
    const { layer, runId } = parseLayerFolder(folder)
    return `s3://${this.buckets[layer]}/${runId}/`
  }

  async stageLayer(runId: string, layer: Layer): Promise<string> {
    // Check the bucket now: a run must not spend minutes computing what it could not persist.
    const bucket = this.buckets[layer]
    await this.s3({ action: 'check', bucket }, () =>
      this.send((client, sdk) => client.send(new sdk.HeadBucketCommand({ Bucket: bucket }))),
    )
    return this.cache.stageLayer(runId, layer)
  }

  async persistStaged(runId: string, layers: readonly Layer[]): Promise<void> {
    for (const layer of layers) {
      const dir = join(this.cache.root, layerFolder(layer, runId))
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.isFile())
          await this.upload(join(dir, entry.name), this.buckets[layer], `${runId}/${entry.name}`)
      }
    }
  }

  async discardStaged(runId: string, layers: readonly Layer[]): Promise<void> {
    await this.cache.discardStaged(runId, layers)
    for (const layer of layers) await this.deletePrefix(this.buckets[layer], `${runId}/`)
  }

  async beginRun(runId: string): Promise<void> {
    const afterSeq = lastCommitSeq(await this.listRuns())
    await this.put(`${RUNS_PREFIX}${stagingMarkName({ runId, afterSeq })}`, '')
  }

  async writeRunRecord(record: RunRecord): Promise<void> {
    // One PUT: S3 shows an object whole or not at all, so no write-aside as on a local disk.
    await this.put(`${RUNS_PREFIX}${record.runId}.json`, `${JSON.stringify(record, null, 2)}\n`)
    const { keys } = await this.list(this.buckets.gold, `${RUNS_PREFIX}${record.runId}.staging.`)
    await this.deleteKeys(this.buckets.gold, keys)
  }

  private async put(key: string, body: string): Promise<void> {
    const target = { action: 'write', bucket: this.buckets.gold, key }
    await this.s3(target, () =>
      this.send((client, sdk) =>
        client.send(
          new sdk.PutObjectCommand({
            Bucket: target.bucket,
            Key: key,
            Body: body,
            // Records are JSON; a staging mark is an empty object whose key says it all.
            ...(body ? { ContentType: 'application/json' } : {}),
          }),
        ),
      ),
    )
  }

  async listRuns(): Promise<RunRecord[]> {
    return (await this.runsAndMarks()).runs
  }

  /** The records (newest first) and the staging marks beside them, from one listing. */
  private async runsAndMarks(): Promise<{ runs: RunRecord[]; marks: StagingMark[] }> {
    const names = (await this.list(this.buckets.gold, RUNS_PREFIX)).keys.map((k) =>
      k.slice(RUNS_PREFIX.length),
    )
    const ids = runIdsIn(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)))
    const records = await Promise.all(ids.map((id) => this.readRecord(id)))
    return {
      runs: newestFirst(records.filter((r): r is RunRecord => r !== undefined)),
      marks: names.flatMap((name) => parseStagingMark(name) ?? []),
    }
  }

  async currentRun(): Promise<RunRecord | undefined> {
    return currentOf(await this.listRuns())
  }

  async localLayerDir(folder: string): Promise<string> {
    const { layer, runId } = parseLayerFolder(folder)
    const dir = join(this.cache.root, folder)
    if (existsSync(dir)) return dir
    const bucket = this.buckets[layer]
    const prefix = `${runId}/`
    const { keys } = await this.list(bucket, prefix)
    if (keys.length === 0) {
      throw new MedallionError(
        'lake_folder_missing',
        `the layer folder ${folder} is missing: no objects under ${this.describeFolder(folder)} at ${this.config.endpoint}`,
      )
    }
    await mkdir(this.cache.root, { recursive: true })
    const temp = await mkdtemp(join(this.cache.root, '.download-'))
    try {
      for (const key of keys) await this.download(bucket, key, join(temp, key.slice(prefix.length)))
      await mkdir(join(this.cache.root, layer), { recursive: true })
      await rename(temp, dir)
    } catch (err) {
      await rm(temp, { recursive: true, force: true })
      // Another reader finished the same download first: its copy is as good as ours.
      if (existsSync(dir)) return dir
      throw err
    }
    return dir
  }

  async prune(keep: number): Promise<{ removedRuns: string[]; removedFolders: string[] }> {
    const { runs, marks } = await this.runsAndMarks()
    const plan = planPrune(runs, keep, marks)
    // Records first: a folder is deleted only once no record points at it.
    await this.deleteKeys(
      this.buckets.gold,
      plan.removedRuns.map((id) => `${RUNS_PREFIX}${id}.json`),
    )
    const removedFolders: string[] = []
    for (const layer of LAYERS) {
      const bucket = this.buckets[layer]
      const { prefixes } = await this.list(bucket, '', '/')
      for (const runId of runIdsIn(prefixes.map((p) => p.slice(0, -1)))) {
        if (!plan.isRemovable(layer, runId)) continue
        await this.deletePrefix(bucket, `${runId}/`)
        removedFolders.push(layerFolder(layer, runId))
      }
      // Local copies follow the same rule, so the cache never holds more than the lake.
      const cached = await readdir(join(this.cache.root, layer)).catch(() => [])
      for (const runId of runIdsIn(cached)) {
        if (plan.isRemovable(layer, runId)) await this.cache.discardStaged(runId, [layer])
      }
    }
    await this.deleteKeys(
      this.buckets.gold,
      plan.removedMarks.map((mark) => `${RUNS_PREFIX}${stagingMarkName(mark)}`),
    )
    return { removedRuns: plan.removedRuns, removedFolders }
  }

  /** A record, or undefined when it is not valid JSON or was pruned meanwhile; other failures throw. */
  private async readRecord(runId: string): Promise<RunRecord | undefined> {
    const target = { action: 'read', bucket: this.buckets.gold, key: `${RUNS_PREFIX}${runId}.json` }
    let text: string
    try {
      text = await this.s3(target, async () => {
        const { Body } = await this.send((client, sdk) =>
          client.send(new sdk.GetObjectCommand({ Bucket: target.bucket, Key: target.key })),
        )
        return (await Body?.transformToString('utf8')) ?? ''
      })
    } catch (err) {
      // Skipping a record that could not be fetched would make an older run look current.
      if (err instanceof MedallionError && err.code === 'lake_object_missing') return undefined
      throw err
    }
    try {
      return parseRunRecord(text)
    } catch {
      // A record that cannot be read never counts as committed.
      return undefined
    }
  }

  /** Streams a file from disk (tables can be hundreds of MB); retried here, since the SDK cannot resend a stream. */
  private async upload(path: string, bucket: string, key: string): Promise<void> {
    const { size } = await stat(path)
    await this.s3({ action: 'upload', bucket, key }, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.send((client, sdk) =>
            client.send(
              new sdk.PutObjectCommand({
                Bucket: bucket,
                Key: key,
                Body: createReadStream(path),
                ContentLength: size,
              }),
            ),
          )
        } catch (err) {
          if (attempt >= UPLOAD_ATTEMPTS || !isTransient(err)) throw err
          await delay(500 * attempt)
        }
      }
    })
  }

  private async download(bucket: string, key: string, path: string): Promise<void> {
    await this.s3({ action: 'download', bucket, key }, async () => {
      const { Body } = await this.send((client, sdk) =>
        client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key })),
      )
      await pipeline(Body as Readable, createWriteStream(path))
    })
  }

  /** Every key under a prefix, and with a delimiter the "folders" just below it. */
  private async list(
    bucket: string,
    prefix: string,
    delimiter?: string,
  ): Promise<{ keys: string[]; prefixes: string[] }> {
    const keys: string[] = []
    const prefixes: string[] = []
    let token: string | undefined
    do {
      const page = await this.s3({ action: 'list', bucket, key: prefix || undefined }, () =>
        this.send((client, sdk) =>
          client.send(
            new sdk.ListObjectsV2Command({
              Bucket: bucket,
              Prefix: prefix,
              Delimiter: delimiter,
              ContinuationToken: token,
            }),
          ),
        ),
      )
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key)
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(p.Prefix)
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return { keys, prefixes }
  }

  private async deletePrefix(bucket: string, prefix: string): Promise<void> {
    await this.deleteKeys(bucket, (await this.list(bucket, prefix)).keys)
  }

  private async deleteKeys(bucket: string, keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH)
      const result = await this.s3({ action: 'delete', bucket, key: batch[0] }, () =>
        this.send((client, sdk) =>
          client.send(
            new sdk.DeleteObjectsCommand({
              Bucket: bucket,
              Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
            }),
          ),
        ),
      )
      const failed = result.Errors?.[0]
      if (failed) {
        throw new MedallionError(
          'lake_error',
          `could not delete s3://${bucket}/${failed.Key} at ${this.config.endpoint}: ${failed.Code} ${failed.Message ?? ''}`.trim(),
        )
      }
    }
  }

  /** Runs one S3 call and turns its failure into a message naming the bucket and key, never the secret. */
  private async s3<T>(target: Target, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (err) {
      throw this.failure(err, target)
    }
  }

  private failure(err: unknown, { action, bucket, key }: Target): MedallionError {
    if (err instanceof MedallionError) return err
    const { endpoint, accessKey, secretKey } = this.config
    const { name = '', code, $metadata } = failureOf(err)
    const status = $metadata?.httpStatusCode
    const where = key ? `s3://${bucket}/${key}` : `bucket ${bucket}`
    const redact = (text: string) => redactSecretKey(text, secretKey)
    if (isUnreachable(err)) {
      return new MedallionError(
        'lake_unreachable',
        redact(
          `cannot reach the S3 lake at ${endpoint} (${code ?? name}) to ${action} ${where}: is MinIO running? (\`medallion up\` starts it)`,
        ),
      )
    }
    if (name === 'NoSuchBucket' || (status === 404 && !key)) {
      return new MedallionError(
        'lake_bucket_missing',
        redact(
          `bucket ${bucket} does not exist at ${endpoint}: create it (\`minio-init\` or \`medallion up\` creates the buckets ${Object.values(this.buckets).join(', ')})`,
        ),
      )
    }
    if (DENIED_NAMES.has(name) || status === 403) {
      return new MedallionError(
        'lake_access_denied',
        redact(
          `access denied for key ${accessKey} on ${where} at ${endpoint} (${name || status}): check MINIO_ACCESS_KEY and MINIO_SECRET_KEY`,
        ),
      )
    }
    if (name === 'NoSuchKey') {
      return new MedallionError('lake_object_missing', redact(`${where} does not exist at ${endpoint}`))
    }
    // The SDK's Node handler never follows a redirect (S3's own, PermanentRedirect, included): say so.
    if (status !== undefined && status >= 300 && status < 400) {
      return new MedallionError(
        'lake_redirect',
        `the S3 lake at ${endpoint} answered ${where} with a redirect (HTTP ${status}${name && !/^(?:\d+|Unknown(?:Error)?)$/.test(name) ? `, ${foreignExcerpt(name, [secretKey], 40)}` : ''}), which Medallion does not follow: set MINIO_ENDPOINT to the address the server answers at`,
      )
    }
    // A bare HTTP status (no S3 error in the body) usually means the endpoint is not an S3 server.
    const detail =
      status && errorMessage(err) === 'UnknownError'
        ? `HTTP ${status} without an S3 error: is MINIO_ENDPOINT an S3 server?`
        : foreignExcerpt(`${name ? `${name}: ` : ''}${errorMessage(err)}`, [secretKey])
    return new MedallionError('lake_error', redact(`could not ${action} ${where} at ${endpoint}: ${detail}`))
  }
}

/** `<layer>/<run id>` as written in RunRecord.layers, checked: it becomes a bucket, a prefix and a path. */
function parseLayerFolder(folder: string): { layer: Layer; runId: string } {
  const [layer, runId, ...rest] = folder.split('/')
  if (!LAYERS.includes(layer as Layer) || !runId || !isRunId(runId) || rest.length > 0) {
    throw new MedallionError('lake_folder_invalid', `"${folder}" is not a layer folder (<layer>/<run id>)`)
  }
  return { layer: layer as Layer, runId }
}

// ---------------------------------------------------------------------------------------------------------
