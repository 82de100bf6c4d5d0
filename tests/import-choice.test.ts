/**
 * The window's import handlers (src-main/import-choice.ts) as main runs them, with the system dialog
 * injected (Electron's binary cannot run here): a folder, the two files (from one folder, or two), what was
 * dropped; every path checked — named like a source, existing, a regular file — and a closed dialog choosing
 * nothing. The folder each gives is previewed by the core, as the page does next.
 */
import { mkdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { importsDir } from '../src-main/core/input-roots.ts'
import {
  type OpenDialogChoice,
  type OpenDialogRequest,
  windowImportHandlers,
} from '../src-main/import-choice.ts'
import { tempDir, testCore, writeSources } from './helpers/temp-data.ts'

const CLIENTS = 'id_client,nom,email,date_inscription,pays\n1,Ana,ana@example.com,2024-01-02,France\n'
const ACHATS = 'id_achat,id_client,date_achat,montant,produit\n1,1,2024-02-03,12.5,Livre\n'

describe("the window's import handlers", () => {
  const dataDir = tempDir('medallion-import-choice-')
  const files = tempDir('medallion-import-files-')
  const core = testCore(dataDir)
  const asked: OpenDialogRequest[] = []
  let answer: OpenDialogChoice = { canceled: true, filePaths: [] }
  const handlers = windowImportHandlers({
    dataDir,
    showOpenDialog: async (request) => {
      asked.push(request)
      return answer
    },
  })
  const choose = async (pick: 'folder' | 'files', choice: OpenDialogChoice) => {
    answer = choice
    return handlers['app.importChoose']({ pick })
  }
  const together = join(files, 'together')
  const apart = { clients: join(files, 'a', 'clients.csv'), achats: join(files, 'b', 'achats.csv') }

  beforeAll(() => {
    writeSources(together, { clients: CLIENTS, achats: ACHATS })
    writeSources(join(files, 'a'), { clients: CLIENTS })
    writeSources(join(files, 'b'), { achats: ACHATS })
    writeSources(join(files, 'only-clients'), { clients: CLIENTS })
    writeFileSync(join(files, 'notes.csv'), CLIENTS)
    mkdirSync(join(files, 'folder-named', 'clients.csv'), { recursive: true })
    symlinkSync(join(together, 'clients.csv'), join(files, 'a', 'clients.parquet'))
  })

  it('takes a folder from the dialog, and nothing when the dialog is closed', async () => {
    expect(await choose('folder', { canceled: false, filePaths: [together] })).toEqual({
      chosen: true,
      inputDir: together,
      linked: false,
    })
    expect(asked.at(-1)?.properties).toEqual(['openDirectory'])
    expect(await choose('folder', { canceled: true, filePaths: [] })).toEqual({ chosen: false })
    await expect(
      choose('folder', { canceled: false, filePaths: [join(files, 'only-clients')] }),
    ).rejects.toThrow(/no achats\.csv \(or achats\.parquet\) in .*only-clients/)
  })

  it('takes the two files: their folder when it holds just them, else an import linking to them', async () => {
    const same = await choose('files', {
      canceled: false,
      filePaths: [join(together, 'achats.csv'), join(together, 'clients.csv')],
    })
    expect(same).toEqual({ chosen: true, inputDir: together, linked: false })
    expect(asked.at(-1)?.properties).toEqual(['openFile', 'multiSelections'])

    const linked = await choose('files', { canceled: false, filePaths: [apart.clients, apart.achats] })
    if (!linked.chosen) throw new Error('expected a choice')
    expect(linked.linked).toBe(true)
    expect(linked.inputDir.startsWith(importsDir(dataDir))).toBe(true)
    expect(readlinkSync(join(linked.inputDir, 'clients.csv'))).toBe(apart.clients)
    expect(readlinkSync(join(linked.inputDir, 'achats.csv'))).toBe(apart.achats)
    // The files are read where they are: the preview sees both.
    const preview = await core.handlers['sources.preview']({ inputDir: linked.inputDir })
    expect(preview.files.clients.counts).toEqual({ read: 1, kept: 1, rejected: 0, blank: 0 })
    expect(preview.files.achats.counts).toEqual({ read: 1, kept: 1, rejected: 0, blank: 0 })
  }, 60_000)

  it('takes what was dropped: a folder, or the two files', async () => {
    expect(await handlers['app.importDropped']({ paths: [together] })).toEqual({
      inputDir: together,
      linked: false,
    })
    expect(
      await handlers['app.importDropped']({
        paths: [join(together, 'clients.csv'), join(together, 'achats.csv')],
      }),
    ).toEqual({ inputDir: together, linked: false })
  })

  it('refuses paths that are not the two sources as existing regular files, naming them', async () => {
    const refused: [string[], RegExp][] = [
      [['clients.csv', 'achats.csv'], /clients\.csv: a dropped or chosen file must come with its full path/],
      [[join(files, 'notes.csv'), apart.achats], /notes\.csv is not a source file/],
      [[join(files, 'missing', 'clients.csv'), apart.achats], /missing\/clients\.csv does not exist/],
      [[join(files, 'folder-named', 'clients.csv'), apart.achats], /clients\.csv is not a regular file/],
      [[join(files, 'a', 'clients.parquet'), apart.achats], /clients\.parquet is not a regular file/],
      [[apart.clients], /choose two files, one clients and one achats/],
      [[apart.clients, join(together, 'clients.csv')], /choose two files, one clients and one achats/],
    ]
    for (const [paths, message] of refused) {
      await expect(handlers['app.importDropped']({ paths })).rejects.toThrow(message)
      answer = { canceled: false, filePaths: paths }
      await expect(handlers['app.importChoose']({ pick: 'files' })).rejects.toThrow(message)
    }
  })
})
