/**
 * Wrong credentials, on a FerretDB that enforces them (SCRAM, with a user created at start): the right
 * password serves; a wrong one gives /health 503, reads and a publish that say the credentials were
 * refused, and never the password itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { collection } from '../src-main/core/serving/collections.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { startPublish } from '../src-main/core/serving/publish-task.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { goldRun } from './helpers/gold-run.ts'
import { getJson } from './helpers/http.ts'

const USER = 'medallion'
const PASSWORD = 'right-Pw-42'
const WRONG = 'wrong-Pw-17'
const DB = 'gold_serving'

describe.skipIf(!FERRETDB_AVAILABLE)(
  `MongoDB credentials (${FERRETDB_AVAILABLE ? 'FerretDB with authentication' : FERRETDB_SKIP_REASON})`,
  () => {
    const gold = goldRun({ clients: 150, seed: 8 })
    let server: RunningMongo
    const url = (password: string) =>
      `${server.url.replace('mongodb://', `mongodb://${USER}:${password}@`)}${DB}`

    beforeAll(async () => {
      server = await startFerretDb({ auth: { username: USER, password: PASSWORD, database: DB } })
      await gold.ready()
    }, 120_000)
    afterAll(() => server?.stop())

    it('the right password publishes and serves', async () => {
      const { done } = startPublish({
        tasks: gold.core.tasks,
        lake: gold.lake,
        mongo: { url: url(PASSWORD), db: DB },
      })
      const summary = await done
      expect(summary.collections.every((c) => c.total >= 0)).toBe(true)
      const store = new MongoStore({ url: url(PASSWORD), db: DB })
      try {
        expect(await store.health()).toMatchObject({ store: 'mongo', ok: true })
        expect((await store.kpis())?.total_clients).toBe((await gold.ready()).run.kpis?.total_clients)
      } finally {
        await store.close()
      }
    }, 120_000)

    it('a wrong password: /health 503, reads and publish refused with a clear message, no password shown', async () => {
      const store = new MongoStore({ url: url(WRONG), db: DB })
      let api: RunningApi | undefined
      try {
        const health = await store.health()
        expect(health.ok).toBe(false)
        expect(health.detail).toMatch(/refused the credentials .*check the user and password in MONGO_URL/)
        const read = (await store
          .list(collection('gold_monthly'), {
            sort: { field: 'mois', dir: 1 },
            offset: 0,
            limit: 5,
            filter: {},
          })
          .catch((e: unknown) => e)) as Error & { code?: string }
        expect(read.code).toBe('store_auth')

        api = await startApi({ handlers: gold.core.handlers, store, events: gold.core.events, port: 0 })
        const answer = await getJson(api.url, '/health')
        expect(answer.status).toBe(503)
        expect(answer.body.detail).toMatch(/refused the credentials/)
        const monthly = await getJson(api.url, '/monthly')
        expect(monthly.status).toBe(503)

        const { task, done } = startPublish({
          tasks: gold.core.tasks,
          lake: gold.lake,
          mongo: { url: url(WRONG), db: DB },
        })
        const refused = (await done.catch((e: unknown) => e)) as Error & { code?: string }
        expect(refused.message).toMatch(/refused the credentials|Authentication failed/)
        const texts = [
          health.detail,
          read.message,
          JSON.stringify(answer.body),
          JSON.stringify(monthly.body),
          refused.message,
          ...task.info.logs,
          task.info.error ?? '',
        ]
        for (const text of texts) expect(text).not.toContain(WRONG)
        expect(texts.join('\n')).toContain(`${USER}:****@`)
      } finally {
        await api?.close()
        await store.close()
      }
    }, 120_000)
  },
)
