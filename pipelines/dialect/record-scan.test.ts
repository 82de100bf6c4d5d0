import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scanRecords } from './record-scan.ts'

const dir = mkdtempSync(join(tmpdir(), 'medallion-scan-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function scan(bytes: string | Buffer, delimiter = ',', chunkBytes?: number) {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`)
  writeFileSync(path, bytes)
  return scanRecords(path, delimiter, chunkBytes)
}

describe('the record scan', () => {
  it('counts a plain file without keeping anything per record', () => {
    const result = scan('a,b,c\n1,2,3\n4,5,6\n')
    expect(result).toMatchObject({ headerFields: 3, kept: 2 })
    expect(result.keptLines).toBeUndefined()
    expect(result.malformed.lines.length + result.blank.lines.length).toBe(0)
  })

  it('sets aside records with another field count, and blank lines (spaces and separators only)', () => {
    const result = scan('a;b;c\r\n1;2;3\r\n;;\r\n4;5,6;7;8\r\n   \r\n9;10\r\n11;12;13', ';')
    expect(result.kept).toBe(2)
    expect(Array.from(result.malformed.lines)).toEqual([4, 6])
    expect(Array.from(result.blank.lines)).toEqual([3, 5])
    expect(Array.from(result.keptLines ?? [])).toEqual([2, 7])
  })

  it('gives each record the line it starts on when a quoted field holds line breaks', () => {
    const result = scan('id,nom\n1,"Ana\nMaria"\n2,"say ""hi"",\nthen go"\n3,Zoé\n', ',')
    expect(result.kept).toBe(3)
    expect(Array.from(result.keptLines ?? [])).toEqual([2, 4, 6])
  })

  it('reads the last record without a final line break, and a separator inside quotes as text', () => {
    const result = scan('a,b\n"1,5",2\n3,4')
    expect(result.kept).toBe(2)
    expect(result.malformed.lines.length).toBe(0)
  })

  it('reads the same records whatever the chunk boundaries cut (a quote, `""`, a line break in quotes)', () => {
    const text =
      'id;nom;note\r\n1;"Ana\nMaria";"dit ""oui"""\r\n;;\r\n2;Zoé;"a;b"\n3;"x""\n""y";z;extra\n  \n4;"é\n\n";ok'
    const whole = scan(text, ';')
    expect(whole.kept).toBe(3)
    expect(Array.from(whole.keptLines ?? [])).toEqual([2, 5, 9])
    expect(Array.from(whole.malformed.lines)).toEqual([6])
    expect(Array.from(whole.blank.lines)).toEqual([4, 8])
    for (let chunkBytes = 4; chunkBytes <= 24; chunkBytes++) {
      expect(scan(text, ';', chunkBytes), `chunks of ${chunkBytes} bytes`).toEqual(whole)
    }
  })

  it('finds the first line that is not UTF-8, across chunk boundaries too', () => {
    expect(scan(Buffer.from('a,b\n1,é\n2,\xe9\n', 'latin1')).invalidUtf8Line).toBe(2)
    // 5 MB of valid text whose 4 MB chunk boundary falls inside a two-byte character.
    const line = 'x,é\n'
    const body = line.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(line)))
    const valid = scan(`a,b\n${body}`)
    expect(valid.invalidUtf8Line).toBeUndefined()
    expect(valid.kept).toBe(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(line)))
  })
})
