/**
 * Decoding container log streams: the engine's multiplexed frames (stdout/stderr, 8-byte headers) split
 * anywhere across chunks, lines spanning frames, UTF-8 split mid-character, timestamps, and raw TTY output.
 */
import { describe, expect, it } from 'vitest'
import { LogDecoder } from '../src-main/core/stack/log-decoder.ts'

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8')
  const header = Buffer.alloc(8)
  header[0] = stream
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

/** Feeds `bytes` in chunks of `size` bytes. */
function decode(decoder: LogDecoder, bytes: Buffer, size: number) {
  const lines = []
  for (let i = 0; i < bytes.length; i += size) lines.push(...decoder.push(bytes.subarray(i, i + size)))
  return [...lines, ...decoder.end()]
}

describe('log decoder', () => {
  const stream = Buffer.concat([
    frame(1, '2026-01-02T03:04:05.123456789Z première ligne\n'),
    frame(2, '2026-01-02T03:04:05.200000000Z warn: disk '),
    frame(2, 'almost full\r\n'),
    frame(1, '2026-01-02T03:04:06.000000000Z last line without newline'),
  ])
  const expected = [
    { stream: 'stdout', time: '2026-01-02T03:04:05.123456789Z', text: 'première ligne' },
    { stream: 'stderr', time: '2026-01-02T03:04:05.200000000Z', text: 'warn: disk almost full' },
    { stream: 'stdout', time: '2026-01-02T03:04:06.000000000Z', text: 'last line without newline' },
  ]

  it.each([1, 3, 7, 1000])('splits frames and lines correctly in chunks of %i bytes', (size) => {
    expect(decode(new LogDecoder({ tty: false, timestamps: true }), stream, size)).toEqual(expected)
  })

  it('reads a TTY stream as raw stdout', () => {
    const raw = Buffer.from('hello\nwörld\n')
    expect(decode(new LogDecoder({ tty: true, timestamps: false }), raw, 2)).toEqual([
      { stream: 'stdout', text: 'hello' },
      { stream: 'stdout', text: 'wörld' },
    ])
  })

  it('falls back to raw output when a frame header is not one', () => {
    const raw = Buffer.from('plain text sent raw by the engine\nsecond\n')
    expect(decode(new LogDecoder({ tty: false, timestamps: false }), raw, 5).map((l) => l.text)).toEqual([
      'plain text sent raw by the engine',
      'second',
    ])
  })
})
