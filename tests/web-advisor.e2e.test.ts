/**
 * The advisor as a user reads it on the Models page (issue 15), on the original's size of generated data in
 * headless Chromium: each cluster's name on screen starts with the RFM segment most of its clients are in
 * (counted from gold's segment labels, every client of the cluster counted once), that segment is one the
 * Customers page shows, its share is beside it, and no two names are the same. Contacts carry their names.
 */
import { describe, expect, it } from 'vitest'
import type { Core } from '../src-main/core/app-core.ts'
import { MlService } from '../src-main/core/ml/ml-service.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { MlRuns } from '../src-preload/contract-ml.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { servedWebApp, signedInUrl } from './helpers/web-app.ts'

const WAIT = { timeout: 30_000 }

async function call<T>(core: Core, name: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  return unwrap(await dispatch(core.handlers, name, input)) as T
}

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `the advisor's names on the Models page (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const core = testCore(tempDir('medallion-advisor-ui-'))
    const web = servedWebApp(core, async () => {
      // The original's size: 23,663 purchases.
      await core.sources.generate({ seed: 42, dirtyShare: 0 }).done
      await core.pipeline.start({ from: 'bronze' }).done
      await new MlService(core).train({ model: 'advisor', horizonDays: 90, clusters: 5, seed: 42 }).done
    })

    it("names each cluster after its clients' majority RFM segment, with its share, no two names alike", async () => {
      const { runs } = await call<MlRuns>(core, 'ml.runs', { limit: 5 })
      const advisor = runs.find((r) => r.model === 'advisor' && r.status === 'finished')
      const segments = advisor?.segments ?? []
      expect(segments).toHaveLength(5)
      const served = await call<{ rows: { segment_label: string; nb_clients: number }[] } | null>(
        core,
        'data.table',
        { route: 'segments' },
      )
      const rfm = new Set(served?.rows.map((r) => r.segment_label))
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/models'),
      )
      try {
        const rows = page.locator('[data-testid="ml-advisor"] tr[data-cluster]')
        await expect.poll(() => rows.count(), WAIT).toBe(segments.length)
        const names: string[] = []
        for (const row of await rows.all()) {
          const cluster = Number(await row.getAttribute('data-cluster'))
          const record = segments.find((s) => s.cluster === cluster)
          if (!record) throw new Error(`no cluster ${cluster} in the record`)
          // The majority, counted here from the cluster's clients per gold segment label.
          const counts = Object.entries(record.labels).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          expect(
            counts.reduce((sum, [, n]) => sum + n, 0),
            `cluster ${cluster}`,
          ).toBe(record.size)
          const [majority, n] = counts[0] ?? ['', 0]
          expect(rfm).toContain(majority)
          const cell = ((await row.locator('td').nth(1).textContent()) ?? '').trim()
          const name = cell.replace(/ \(\d+%\)$/, '')
          expect(name.split(' — ')[0], `cluster ${cluster}: ${cell}`).toBe(majority)
          expect(cell).toBe(`${name} (${Math.round((n / record.size) * 100)}%)`)
          names.push(name)
        }
        expect(new Set(names).size, names.join(' | ')).toBe(names.length)
        // "Contact first" names its clients too (one data.clientNames call).
        const contact = page.locator('[data-testid="ml-advisor"] .ml-grid tbody tr').first()
        await contact.locator('[data-testid="client-identity"]').waitFor(WAIT)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 180_000)
  },
)
