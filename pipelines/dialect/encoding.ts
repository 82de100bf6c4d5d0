/**
 * A source file's text encoding: a byte order mark says UTF-8 or UTF-16; otherwise UTF-8 unless its bytes
 * are not (the record scan checks every byte), and then chardet's guess among the single-byte Western
 * encodings (spreadsheets in a French or other Western locale save Windows-1252). Polars reads UTF-8 only,
 * so another encoding is decoded with iconv-lite into a UTF-8 copy beside the run's bronze.
 */
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import chardet from 'chardet'
import iconv from 'iconv-lite'
import type { SourceEncoding } from '../../src-preload/values.ts'
import { PipelineInputError } from '../pipeline-error.ts'

const SAMPLE_BYTES = 64 * 1024

export interface EncodingMark {
  encoding: SourceEncoding
  /** Bytes of the byte order mark at the start of the file (0 without one). */
  bomBytes: number
  /** iconv-lite's name for the decoder. */
  decoder: string
}

function head(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0))
  } finally {
    closeSync(fd)
  }
}

/** What the byte order mark says, if the file has one. */
export function byteOrderMark(path: string): EncodingMark | undefined {
  const start = head(path, 3)
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) {
    return { encoding: 'utf-8', bomBytes: 3, decoder: 'utf8' }
  }
  if (start[0] === 0xff && start[1] === 0xfe) return { encoding: 'utf-16', bomBytes: 2, decoder: 'utf16le' }
  if (start[0] === 0xfe && start[1] === 0xff) return { encoding: 'utf-16', bomBytes: 2, decoder: 'utf16be' }
  return undefined
}

/** The encoding of a file that is not UTF-8 and has no byte order mark, from chardet's guess. */
export function guessSingleByte(path: string, name: string, line: number): EncodingMark {
  const guess = chardet.detect(head(path, SAMPLE_BYTES)) ?? 'unknown'
  if (/^(windows-125[02]|ISO-8859-(1|15|2))$/i.test(guess)) {
    return { encoding: 'windows-1252', bomBytes: 0, decoder: 'windows-1252' }
  }
  throw new PipelineInputError(
    'unsupported_encoding',
    `${name} is not UTF-8 (first at line ${line}) and looks like ${guess}, which Medallion does not read: save it as UTF-8 or Windows-1252 ("CSV" in a Western-locale spreadsheet), or pass --encoding`,
  )
}

/** The explicit encoding's decoder: UTF-16's byte order comes from its mark (UTF-16 is read with one). */
export function givenEncoding(path: string, encoding: SourceEncoding, name: string): EncodingMark {
  const mark = byteOrderMark(path)
  if (encoding === 'utf-16') {
    if (mark?.encoding !== 'utf-16') {
      throw new PipelineInputError(
        'invalid_encoding',
        `${name} was given as UTF-16, but it does not start with a UTF-16 byte order mark: UTF-16 files are read with one`,
      )
    }
    return mark
  }
  if (encoding === 'utf-8') return { encoding, bomBytes: mark?.encoding === 'utf-8' ? 3 : 0, decoder: 'utf8' }
  return { encoding, bomBytes: 0, decoder: 'windows-1252' }
}

/** Writes the file's text as UTF-8 (without the byte order mark) to `target`. */
export async function decodeToUtf8(path: string, mark: EncodingMark, target: string): Promise<void> {
  await pipeline(
    createReadStream(path, { start: mark.bomBytes }),
    iconv.decodeStream(mark.decoder, { stripBOM: true }),
    iconv.encodeStream('utf8'),
    createWriteStream(target),
  )
}
