/**
 * The data browser on an S3 lake (issue 14): a core whose lake is a real MinIO lists the run's tables and
 * pages through silver/rejects exactly as Polars reads the object MinIO holds (fetched here directly).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import type { BrowsePage, BrowseTables } from '../src-preload/contract-browse.ts'
import { jsonRows } from './helpers/browse-reference.ts'
import { MINIO_AVAILABLE, MINIO_SKIP_REASON, type RunningMinio, startMinio } from './helpers/minio.ts'
import { SOURCE_PATHS } from './helpers/temp-data.ts'

describe.skipIf(!MINIO_AVAILABLE)(
  `data browser on an S3 lake (${MINIO_AVAILABLE ? 'MinIO' : MINIO_SKIP_REASON})`,
  () => {
    // Made in beforeAll: a skipped suite leaves nothing behind.
    let root: string
    let minio: RunningMinio
    let core: Core
    let run: RunRecord

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'medallion-browse-s3-'))
      minio = await startMinio(['bronze', 'silver', 'gold'])
      core = createCore({
        dataDir: join(root, 'data'),
        paths: SOURCE_PATHS,
        s3: {
          endpoint: minio.endpoint,
          accessKey: minio.accessKey,
          secretKey: minio.secretKey,
          cacheDir: join(root, 'cache'),
        },
      })
      await core.sources.generate({ clients: 150, seed: 4, dirtyShare: 0.05 }).done
      run = await core.pipeline.start({ from: 'bronze', maxRejectShare: 0.5 }).done
    }, 180_000)

    afterAll(async () => {
      await core?.close()
      await minio?.stop()
      if (root) rmSync(root, { recursive: true, force: true })
    })

    it('lists the tables and pages through silver/rejects as MinIO’s object reads', async () => {
      const tables = unwrap(await dispatch(core.handlers, 'data.browseTables', {})) as BrowseTables
      expect(tables.layers.silver).toEqual(['achats', 'clients', 'rejects'])
      const object = await minio.client.send(
        new GetObjectCommand({ Bucket: 'silver', Key: `${run.runId}/rejects.parquet` }),
      )
      const file = join(root, 'rejects-from-minio.parquet')
      writeFileSync(
        file,
        await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      )
      const frame = pl.readParquet(file).sort('row_number', true, true, true)
      const page = unwrap(
        await dispatch(core.handlers, 'data.browse', {
          source: { layer: 'silver', table: 'rejects' },
          sort: { column: 'row_number', desc: true },
          offset: 2,
          limit: 30,
        }),
      ) as BrowsePage
      expect(page.total).toBe(frame.height)
      expect(page.rows).toEqual(jsonRows(frame.slice(2, 30)))
    })
  },
)
