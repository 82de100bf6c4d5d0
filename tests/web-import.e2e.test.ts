/**
 * Importing files in a browser, as a person clicks, on a real `medallion serve` (web mode, headless
 * Chromium): from the Pipeline page's "Import files…", French-spreadsheet files are uploaded through
 * POST /upload, previewed in their detected dialect (";", Windows-1252, decimal ",", day first) — a dialect
 * changed there re-reads them — then run; the page lands on the run's detail, and the run record the CLI
 * prints (`medallion runs --json`) has the counts the preview showed.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { importsDir } from '../src-main/core/input-roots.ts'
import { windowImportHandlers } from '../src-main/import-choice.ts'
import type { FileCounts, RunRecord } from '../src-preload/contract.ts'
import { runDetailHash } from '../src-preload/names-import.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { runCli } from './helpers/cli.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'
import { windowBindings } from './helpers/window-page.ts'

/** The four counts the preview shows for one file. */
async function shownCounts(page: Page, file: string): Promise<FileCounts> {
  const counts = page.getByTestId(`counts-${file}`)
  const read = async (label: string) =>
    Number((await counts.locator(`[data-count="${label}"]`).textContent())?.replace(/,/g, ''))
  return {
    read: await read('read'),
    kept: await read('kept'),
    rejected: await read('rejected'),
    blank: await read('blank'),
  }
}

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `importing files in a browser (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-web-import-')
    const french = tempDir('medallion-web-import-fr-')
    const core = testCore(dataDir)
    /** The import folders and partial files in the data folder (scratch folders of previews aside). */
    const imports = () =>
      existsSync(importsDir(dataDir))
        ? readdirSync(importsDir(dataDir), { recursive: true })
            .map(String)
            .filter((n) => !n.startsWith('.preview-'))
        : []
    const web = servedWebApp(
      core,
      () =>
        core.sources.generate({
          clients: 200,
          seed: 11,
          dirtyShare: 0.03,
          outDir: french,
          dialect: 'fr-excel',
        }).done,
    )

    it('uploads French-spreadsheet files, previews them in their dialect, runs, and lands on the run with the same counts', async () => {
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/pipeline'),
      )
      try {
        await page.getByRole('button', { name: 'Import files…' }).click()
        await page.getByRole('heading', { level: 1, name: 'Import files' }).waitFor({ timeout: 20_000 })
        expect(page.url()).toMatch(/#\/import$/)
        await page
          .getByLabel('Choose clients and achats files')
          .setInputFiles([join(french, 'clients.csv'), join(french, 'achats.csv')])

        // The preview, in the dialect detected from the files.
        const achats = page.getByTestId('preview-achats.csv')
        await achats.waitFor({ timeout: 60_000 })
        await page.getByTestId('would-run').waitFor({ timeout: 60_000 })
        const dialectShown = (part: string) => page.getByTestId(`dialect-achats.csv-${part}`).textContent()
        expect(await dialectShown('delimiter')).toBe('(;, detected)')
        expect(await dialectShown('encoding')).toBe('(windows-1252, detected)')
        expect(await dialectShown('decimal')).toBe('(,, detected)')
        expect(await dialectShown('dateFormat')).toBe('(%d/%m/%Y, detected)')
        // Accented products read from Windows-1252, amounts typed as numbers.
        expect(await achats.locator('thead').textContent()).toContain('Float64')
        const preview = {
          clients: await shownCounts(page, 'clients.csv'),
          achats: await shownCounts(page, 'achats.csv'),
        }
        expect(preview.achats.rejected).toBeGreaterThan(0)
        expect(await achats.getByRole('list', { name: /would be rejected/ }).textContent()).toMatch(
          /line \d+/,
        )
        await page.screenshot({ path: join(ARTIFACTS, 'import-preview.png'), fullPage: true })

        // A dialect changed in the preview re-reads the file: amounts with a comma are no numbers with a point.
        await page.getByLabel('Decimal mark of achats.csv').selectOption('.')
        await page.getByTestId('would-fail').waitFor({ timeout: 60_000 })
        expect(await dialectShown('decimal')).toBe('(., given)')
        await page.getByLabel('Decimal mark of achats.csv').selectOption('')
        await page.getByTestId('would-run').waitFor({ timeout: 60_000 })
        // An upload has no folder of the user's to watch.
        expect(await page.getByTestId('watch-option').count()).toBe(0)

        await page.getByRole('button', { name: 'Run the pipeline on these files' }).click()
        await page.waitForURL(/#\/pipeline\/runs\//, { timeout: 120_000 })
        // The run's detail: its status, and the rows per file the preview announced.
        await page.getByRole('heading', { level: 2, name: 'Rows per file' }).waitFor({ timeout: 20_000 })
        expect(await page.getByTestId('run-status').textContent()).toContain('succeeded')
        await page.screenshot({ path: join(ARTIFACTS, 'import-landed-on-run.png'), fullPage: true })

        const cli = await runCli(['runs', '--json', '--limit', '1', '--data-dir', dataDir])
        expect(cli.code).toBe(0)
        const [record] = JSON.parse(cli.stdout) as RunRecord[]
        expect(record?.status).toBe('succeeded')
        expect(new URL(page.url()).hash).toBe(runDetailHash(record?.runId ?? ''))
        expect(record?.files).toEqual(preview)
        expect(record?.dialect?.achats).toMatchObject({
          delimiter: ';',
          encoding: 'windows-1252',
          decimal: ',',
        })
        expect(record?.inputDir?.startsWith(join(dataDir, 'imports'))).toBe(true)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 240_000)

    it("in the window: chooses a folder through main's dialog (injected), previews it where it is, runs, watches it and lands on the run", async () => {
      let stopEvents = () => {}
      const asked: string[] = []
      const mainHandlers = windowImportHandlers({
        dataDir,
        showOpenDialog: async (request) => {
          asked.push(request.properties.join(','))
          return { canceled: false, filePaths: [french] }
        },
      })
      const { context, page, problems } = await openCheckedPage(web.browser, `${web.api.url}/#/import`, {
        beforeLoad: async (ctx) => {
          stopEvents = await windowBindings(ctx, core, mainHandlers)
        },
      })
      try {
        await page.getByRole('button', { name: 'Choose a folder…' }).click()
        await page.getByTestId('would-run').waitFor({ timeout: 60_000 })
        expect(asked).toEqual(['openDirectory'])
        expect(await page.getByTestId('dialect-achats.csv-encoding').textContent()).toBe(
          '(windows-1252, detected)',
        )
        const shown = await shownCounts(page, 'achats.csv')
        // A dialect set by hand cannot be watched (watched runs read the files in their detected dialect).
        const watchBox = page.getByLabel(/^Watch this folder/)
        await page.getByLabel('Decimal mark of achats.csv').selectOption('.')
        await page.getByTestId('would-fail').waitFor({ timeout: 60_000 })
        expect(await watchBox.isDisabled()).toBe(true)
        await page.getByLabel('Decimal mark of achats.csv').selectOption('')
        await page.getByTestId('would-run').waitFor({ timeout: 60_000 })
        await watchBox.check()
        await page.getByRole('button', { name: 'Run the pipeline on these files' }).click()
        // Saved with the run under way, and run by the schedules' owner as any saved watch.
        await page.getByTestId('watch-saved').waitFor({ timeout: 60_000 })
        const { watches } = await core.handlers['watches.list']({})
        expect(watches.map((watch) => watch.dir)).toEqual([french])
        await page.waitForURL(/#\/pipeline\/runs\//, { timeout: 120_000 })
        const [record] = await core.pipeline.runs(1)
        expect(new URL(page.url()).hash).toBe(runDetailHash(record?.runId ?? ''))
        // Read where it is: the run's input is the chosen folder itself, nothing copied into imports/.
        expect(record?.inputDir).toBe(french)
        expect(record?.files?.achats).toEqual(shown)
        expect(problems.list).toEqual([])
      } finally {
        stopEvents()
        await context.close()
      }
    }, 240_000)

    it('cancels an upload under way, leaving nothing on the server', async () => {
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/import'),
        {
          // The cancelled request, which Chromium reports as failed.
          expected: [/\/upload\?/],
        },
      )
      try {
        await page.getByRole('heading', { level: 1, name: 'Import files' }).waitFor({ timeout: 20_000 })
        const before = imports()
        // A slow network, so the upload is still going when Cancel is pressed.
        const cdp = await context.newCDPSession(page)
        await cdp.send('Network.enable')
        const uploadSpeed = (bytesPerSecond: number) =>
          cdp.send('Network.emulateNetworkConditions', {
            offline: false,
            latency: 0,
            downloadThroughput: -1,
            uploadThroughput: bytesPerSecond,
          })
        await uploadSpeed(16 * 1024)
        await page
          .getByLabel('Choose clients and achats files')
          .setInputFiles([join(french, 'clients.csv'), join(french, 'achats.csv')])
        await page.getByTestId('upload-progress').waitFor()
        await page.getByRole('button', { name: 'Cancel' }).click()
        const alert = page.getByRole('alert')
        await alert.waitFor()
        expect(await alert.textContent()).toBe('The upload was cancelled: nothing was kept.')
        await uploadSpeed(-1)
        for (let i = 0; i < 100 && imports().length > before.length; i++) await page.waitForTimeout(100)
        expect(imports()).toEqual(before)
        expect(problems.list.filter((p) => !p.includes('/upload?'))).toEqual([])
      } finally {
        await context.close()
      }
    }, 60_000)

    it('says what is wrong with files that are not the two sources, naming them, and uploads nothing', async () => {
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/import'),
      )
      try {
        await page.getByRole('heading', { level: 1, name: 'Import files' }).waitFor({ timeout: 20_000 })
        await page.getByLabel('Choose clients and achats files').setInputFiles([join(french, 'clients.csv')])
        const alert = page.getByRole('alert')
        await alert.waitFor()
        expect(await alert.textContent()).toContain(
          'choose two files, one clients and one achats: got clients.csv',
        )
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 60_000)
  },
)
