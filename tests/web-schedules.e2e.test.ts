/**
 * The Schedules panel of the Pipeline page in a browser on web mode (issue 17): a schedule added with the
 * form shows its next run time (the time the server computes, in the page's format), a bad cron expression
 * is named, pause and delete (after a confirmation) change the stored schedules, and the panel says which
 * process runs them; a saved watch is listed in the Watched folders panel and removed after a confirmation.
 * Over HTTP a schedule's folder must be allowed, and the calls need the launch token.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Automation, startAutomation } from '../src-main/core/automation/automation-owner.ts'
import type { ScheduleList } from '../src-preload/contract-schedules.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { bearer, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `the Schedules panel (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-web-schedules-')
    const outside = tempDir('medallion-web-schedules-outside-')
    const core = testCore(dataDir)
    const web = servedWebApp(core)
    // As `medallion serve` does: this process runs the folder's schedules (none fires during the test).
    let automation: Automation | undefined
    beforeAll(() => {
      automation = startAutomation(core, { kind: 'serve', log: () => {} })
    })
    afterAll(() => automation?.stop())

    const rpc = async (name: string, input: unknown) =>
      postJson(web.api.url, `/rpc/${name}`, input, bearer(web.api.token))
    const stored = async () => ((await rpc('schedules.list', {})).json() as { result: ScheduleList }).result

    it('adds a schedule, shows its next run time, names a bad cron, pauses, deletes after confirming', async () => {
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/pipeline'),
        {
          expected: [/status of 400 .*\/rpc\/schedules\.add$/],
        },
      )
      try {
        const panel = page.getByTestId('schedules')
        await panel.getByText('No schedules yet.').waitFor({ timeout: 30_000 })
        expect(await panel.getByTestId('schedules-owner').textContent()).toBe(
          'Schedules run in this server, even with no window open; they stop when it stops.',
        )

        const cron = panel.getByTestId('schedule-cron')
        await cron.fill('61 * * * *')
        await panel.getByRole('button', { name: 'Add schedule' }).click()
        const note = panel.getByTestId('error-note')
        await note.waitFor()
        expect(await note.getAttribute('data-code')).toBe('bad_schedule')
        expect(await note.locator('.error-sentence').textContent()).toContain(
          'Cron: "61 * * * *" is not a cron expression (Invalid value for minute: 61)',
        )
        expect((await stored()).schedules).toEqual([])

        await cron.fill('15 7 * * 1-5')
        await panel.getByRole('checkbox', { name: 'Publish afterwards' }).check()
        await panel.getByRole('button', { name: 'Add schedule' }).click()
        const row = panel.getByTestId('schedule-row')
        await row.waitFor()
        const [added] = (await stored()).schedules
        expect(added).toMatchObject({ cron: '15 7 * * 1-5', publish: true, paused: false, engine: 'polars' })
        const nextRunAt = added?.nextRunAt ?? ''
        const shown = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' }).format(
          Date.parse(nextRunAt),
        )
        expect(await row.getByTestId('schedule-next').textContent()).toBe(shown)
        expect(await row.textContent()).toContain('publish')
        await page.screenshot({ path: join(ARTIFACTS, 'schedules-panel.png'), fullPage: true })

        await row.getByRole('button', { name: 'Pause' }).click()
        await row.getByTestId('schedule-next').getByText('paused').waitFor()
        expect((await stored()).schedules[0]?.paused).toBe(true)
        await row.getByRole('button', { name: 'Resume' }).click()
        await row.getByTestId('schedule-next').getByText(shown).waitFor()

        await row.getByRole('button', { name: 'Delete…' }).click()
        await row.getByRole('button', { name: 'Keep' }).click()
        expect((await stored()).schedules).toHaveLength(1)
        await row.getByRole('button', { name: 'Delete…' }).click()
        await row.getByRole('button', { name: 'Delete this schedule' }).click()
        await panel.getByText('No schedules yet.').waitFor()
        expect((await stored()).schedules).toEqual([])
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('lists a saved watch in the Watched folders panel and stops watching it after confirming', async () => {
      const watched = join(dataDir, 'sources')
      mkdirSync(watched, { recursive: true })
      const added = await rpc('watches.add', { dir: watched })
      expect(added.status).toBe(200)
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/pipeline'),
        {},
      )
      try {
        const panel = page.getByTestId('saved-watches')
        const row = panel.getByTestId('watch-row')
        await row.waitFor({ timeout: 30_000 })
        expect(await row.locator('td').first().textContent()).toBe(watched)
        await row.getByRole('button', { name: 'Delete…' }).click()
        await row.getByRole('button', { name: 'Stop watching this folder' }).click()
        await panel.getByText('No watched folders.').waitFor()
        const listed = (await rpc('watches.list', {})).json() as { result: { watches: unknown[] } }
        expect(listed.result.watches).toEqual([])
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)

    it('over HTTP: a folder outside the allowed roots is refused, and every call needs the token', async () => {
      const refused = await rpc('schedules.add', {
        cron: '0 7 * * *',
        input: { kind: 'folder', dir: outside },
      })
      expect(refused.status).toBe(403)
      expect(refused.json()).toMatchObject({ error: { code: 'input_not_allowed' } })
      const allowed = await rpc('schedules.add', {
        cron: '0 7 * * *',
        input: { kind: 'folder', dir: join(dataDir, 'sources') },
      })
      expect(allowed.status).toBe(200)
      expect((await postJson(web.api.url, '/rpc/schedules.list', {})).status).toBe(401)
      expect((await postJson(web.api.url, '/rpc/schedules.add', { cron: '0 7 * * *' })).status).toBe(401)
    })
  },
)
