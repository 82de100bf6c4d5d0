/** Writes a training's artifacts under its folder and lists them, relative, for the upload to MLflow. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import pl from 'nodejs-polars'

export class ArtifactFiles {
  readonly written: string[] = []

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true })
  }

  /** `path` is relative with '/' (e.g. 'plots/roc.svg'). */
  text(path: string, content: string): void {
    const file = join(this.dir, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, content)
    this.written.push(path)
  }

  json(path: string, value: unknown): void {
    this.text(path, `${JSON.stringify(value, null, 2)}\n`)
  }

  /** Flat records as CSV, columns in the order of the first record. */
  csv(path: string, records: readonly Record<string, string | number>[]): void {
    const file = join(this.dir, path)
    mkdirSync(dirname(file), { recursive: true })
    pl.readRecords(records as Record<string, string | number>[]).writeCSV(file)
    this.written.push(path)
  }
}
