/**
 * Answers kept per publish. Published collections change only through a publish, and every publish ends
 * by writing a new publish id, so an answer computed under one id stays right until the id changes. The
 * caller reads the id (one `_id` lookup, cheap even on FerretDB, which scans for any other query) and the
 * cache drops everything when it moved. While a publish is under way nothing is kept: collections are
 * between two states then.
 */
const MAX_ANSWERS = 1_000

export class PublishCache {
  private publishId: string | undefined
  private readonly answers = new Map<string, unknown>()

  /** Forgets every answer unless they were computed under `publishId`. */
  validate(publishId: string | undefined): void {
    if (publishId === this.publishId) return
    this.answers.clear()
    this.publishId = publishId
  }

  /** The answer for `key`, computed by `compute` unless known; kept only when `keep` is true. */
  async get<T>(key: string, keep: boolean, compute: () => Promise<T>): Promise<T> {
    if (keep && this.answers.has(key)) return this.answers.get(key) as T
    const publishId = this.publishId
    const answer = await compute()
    // A publish that ended meanwhile moved the id: this answer may belong to either side, so drop it.
    if (keep && publishId === this.publishId && publishId !== undefined) {
      if (this.answers.size >= MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value as string)
      this.answers.set(key, answer)
    }
    return answer
  }
}
