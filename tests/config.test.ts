import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../src-main/core/config.ts'

describe('the data folder', () => {
  it('is the flag, else MEDALLION_DATA_DIR when not blank, else the fallback, always absolute', () => {
    expect(resolveDataDir('/flag', { MEDALLION_DATA_DIR: '/env' }, 'data')).toBe('/flag')
    expect(resolveDataDir(undefined, { MEDALLION_DATA_DIR: '/srv/lake' }, '/cfg/data')).toBe('/srv/lake')
    expect(resolveDataDir(undefined, { MEDALLION_DATA_DIR: '  ' }, '/cfg/data')).toBe('/cfg/data')
    expect(resolveDataDir(undefined, {}, 'data')).toBe(resolve('data'))
  })
})
