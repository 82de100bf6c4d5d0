/**
 * Decodes a container log stream into lines. Without a TTY the engine multiplexes stdout and stderr in
 * frames (an 8-byte header: stream type, three zero bytes, big-endian length); with a TTY it sends the raw
 * bytes. A header that does not look like one means the stream is raw after all (Podman may send raw output
 * even where a frame is expected), and the rest is read as stdout. Lines may span frames and chunks.
 */
import { StringDecoder } from 'node:string_decoder'

export interface LogLine {
  stream: 'stdout' | 'stderr'
  /** The engine's RFC 3339 timestamp of the line, when asked for. */
  time?: string
  text: string
}

type StreamName = LogLine['stream']

const HEADER_BYTES = 8
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d)) ?(.*)$/s

export class LogDecoder {
  private raw: boolean
  private readonly timestamps: boolean
  private pending: Buffer = Buffer.alloc(0)
  private readonly text = { stdout: '', stderr: '' }
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') }

  constructor(options: { tty: boolean; timestamps: boolean }) {
    this.raw = options.tty
    this.timestamps = options.timestamps
  }

  /** The complete lines this chunk finishes. */
  push(chunk: Buffer): LogLine[] {
    const lines: LogLine[] = []
    if (this.raw) {
      this.append('stdout', chunk, lines)
      return lines
    }
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    while (this.pending.length >= HEADER_BYTES) {
      const type = this.pending[0]
      const isHeader = (type === 1 || type === 2) && this.pending.readUIntBE(1, 3) === 0
      if (!isHeader) {
        this.raw = true
        this.append('stdout', this.pending, lines)
        this.pending = Buffer.alloc(0)
        break
      }
      const size = this.pending.readUInt32BE(4)
      if (this.pending.length < HEADER_BYTES + size) break
      this.append(
        type === 2 ? 'stderr' : 'stdout',
        this.pending.subarray(HEADER_BYTES, HEADER_BYTES + size),
        lines,
      )
      this.pending = this.pending.subarray(HEADER_BYTES + size)
    }
    return lines
  }

  /** What is left when the stream ends: a last line without a newline. */
  end(): LogLine[] {
    const lines: LogLine[] = []
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.text[stream] + this.decoders[stream].end()
      this.text[stream] = ''
      if (rest !== '') lines.push(this.line(stream, rest))
    }
    return lines
  }

  private append(stream: StreamName, bytes: Buffer, lines: LogLine[]): void {
    const parts = (this.text[stream] + this.decoders[stream].write(bytes)).split('\n')
    this.text[stream] = parts.pop() ?? ''
    for (const part of parts) lines.push(this.line(stream, part.endsWith('\r') ? part.slice(0, -1) : part))
  }

  private line(stream: StreamName, content: string): LogLine {
    const stamped = this.timestamps ? TIMESTAMP.exec(content) : null
    return stamped?.[1] !== undefined
      ? { stream, time: stamped[1], text: stamped[2] ?? '' }
      : { stream, text: content }
  }
}
