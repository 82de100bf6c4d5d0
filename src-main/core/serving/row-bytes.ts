/**
 * Rows' JSON kept as UTF-8 bytes, each row made once, on the first page that holds it: a page is then a
 * copy of ready bytes. Kept as text instead, every page would join strings and the socket would encode
 * them again, which cost more than the rows' JSON itself and held the event loop (issue 16's stall).
 */

export class RowBytes {
  /** Each row's bytes with the comma that precedes it in a list (dropped for a page's first row). */
  private readonly kept: (Buffer | undefined)[]

  constructor(
    count: number,
    /** A row's JSON text, as JSON.stringify writes it. */
    private readonly text: (row: number) => string,
  ) {
    this.kept = new Array<Buffer | undefined>(count)
  }

  /**
   * Rows `rows[from]`..`rows[to - 1]` of a page as JSON objects, each preceded by a comma but the page's
   * first (from = 0): pieces written one after another make the page's list.
   */
  pageBytes(rows: ArrayLike<number> | 'in order', from: number, to: number): Buffer {
    const parts = new Array<Buffer>(to - from)
    let length = 0
    for (let i = from; i < to; i++) {
      const row = rows === 'in order' ? i : (rows[i] as number)
      let bytes = this.kept[row]
      if (bytes === undefined) {
        bytes = Buffer.from(`,${this.text(row)}`)
        this.kept[row] = bytes
      }
      const part = i === 0 ? bytes.subarray(1) : bytes
      parts[i - from] = part
      length += part.length
    }
    return Buffer.concat(parts, length)
  }
}
