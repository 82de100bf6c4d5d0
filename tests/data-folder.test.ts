/**
 * Changing the data folder (the desktop app's Settings): where the choice is kept, which folders are
 * refused, and a move that copies, checks, then removes, leaving everything as it was when it cannot.
 */
import { once } from 'node:events'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkNewDataFolder, moveDataFolder } from '../src-main/core/data-folder-move.ts'
import { appDataDir, saveDataDir } from '../src-main/core/data-location.ts'
import { tempDir } from './helpers/temp-data.ts'

function dataFolder(root: string): string {
  const dir = join(root, 'data')
  mkdirSync(join(dir, 'lake', 'gold', 'run-1'), { recursive: true })
  mkdirSync(join(dir, 'sources'), { recursive: true })
  writeFileSync(join(dir, 'sources', 'clients.csv'), 'id_client,nom\n1,Ana\n')
  writeFileSync(join(dir, 'lake', 'gold', 'run-1', 'fact.parquet'), Buffer.alloc(100_000, 7))
  writeFileSync(join(dir, 'settings.json'), '{"theme":"dark"}\n')
  return dir
}

describe('the data folder location (the app configuration folder)', () => {
  it('defaults to <config>/data, and follows the folder saved there', () => {
    const config = tempDir()
    expect(appDataDir(config)).toEqual({ dir: join(config, 'data'), source: 'default' })
    saveDataDir(config, '/srv/medallion')
    expect(appDataDir(config)).toEqual({ dir: '/srv/medallion', source: 'chosen' })
  })

  it('falls back to the default on a damaged or relative location', () => {
    const config = tempDir()
    writeFileSync(join(config, 'data-location.json'), '{ not json')
    expect(appDataDir(config).source).toBe('default')
    writeFileSync(join(config, 'data-location.json'), '{"dataDir":"relative/path"}')
    expect(appDataDir(config).source).toBe('default')
  })
})

describe('choosing another data folder', () => {
  it('refuses the same folder, a folder inside it, a file, and a move into a non-empty folder', () => {
    const root = tempDir()
    const current = dataFolder(root)
    expect(() => checkNewDataFolder(current, current, 'use')).toThrow(/already is/)
    expect(() => checkNewDataFolder(current, join(current, 'lake'), 'move')).toThrow(/inside the current/)
    expect(() => checkNewDataFolder(current, root, 'move')).toThrow(/is inside it/)
    writeFileSync(join(root, 'a-file'), 'x')
    expect(() => checkNewDataFolder(current, join(root, 'a-file'), 'use')).toThrow(/a file, not a folder/)
    mkdirSync(join(root, 'busy'))
    writeFileSync(join(root, 'busy', 'x.txt'), 'x')
    expect(() => checkNewDataFolder(current, join(root, 'busy'), 'move')).toThrow(/not empty/)
    // Using a folder that holds data is what "use" is for.
    expect(() => checkNewDataFolder(current, join(root, 'busy'), 'use')).not.toThrow()
    expect(() => checkNewDataFolder(current, join(root, 'new'), 'move')).not.toThrow()
  })

  it('moves everything, byte for byte, then removes the old folder', async () => {
    const root = tempDir()
    const current = dataFolder(root)
    const target = join(root, 'elsewhere', 'medallion')
    const moved = await moveDataFolder(current, target)
    expect(moved).toEqual({ files: 3, bytes: 100_000 + 20 + 17 })
    expect(readFileSync(join(target, 'sources', 'clients.csv'), 'utf8')).toBe('id_client,nom\n1,Ana\n')
    expect(readFileSync(join(target, 'lake', 'gold', 'run-1', 'fact.parquet'))).toEqual(
      Buffer.alloc(100_000, 7),
    )
    expect(existsSync(current)).toBe(false)
    expect(existsSync(join(target, '.medallion.lock'))).toBe(false)
  })

  it('moves nothing while another writer holds the folder', async () => {
    const root = tempDir()
    const current = dataFolder(root)
    // The lock of another live process on this machine (the test runner's parent).
    const owner = {
      pid: process.ppid,
      host: hostname(),
      since: new Date().toISOString(),
      purpose: 'pipeline run',
    }
    writeFileSync(join(current, '.medallion.lock'), JSON.stringify(owner))
    await expect(moveDataFolder(current, join(root, 'new'))).rejects.toThrow(/in use by process/)
    expect(existsSync(join(root, 'new'))).toBe(false)
    expect(existsSync(join(current, 'sources', 'clients.csv'))).toBe(true)
  })

  it('leaves both folders as they were when the copy fails', async () => {
    const root = tempDir()
    const current = dataFolder(root)
    // A socket cannot be copied (not even by root): the copy fails part-way.
    const socket = createServer().listen(join(current, 'lake', 'app.sock'))
    await once(socket, 'listening')
    try {
      mkdirSync(join(root, 'empty-target'))
      await expect(moveDataFolder(current, join(root, 'empty-target'))).rejects.toThrow(/nothing was moved/)
      await expect(moveDataFolder(current, join(root, 'new'))).rejects.toThrow(/nothing was moved/)
    } finally {
      socket.close()
    }
    expect(existsSync(join(root, 'new'))).toBe(false)
    expect(readdirSync(join(root, 'empty-target'))).toEqual([])
    expect(readFileSync(join(current, 'settings.json'), 'utf8')).toBe('{"theme":"dark"}\n')
    expect(existsSync(join(current, '.medallion.lock'))).toBe(false)
  })
})
