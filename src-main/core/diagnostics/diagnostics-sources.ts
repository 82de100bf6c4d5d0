/**
 * What a diagnostics archive is made of, injected narrowly: the export needs these reads and nothing
 * else of the core (diagnosticsSourcesFromCore adapts a Core).
 */

export interface DiagnosticsSources {
  /** medallion, node, electron (in the window), polars, os, arch… */
  versions: Record<string, string>
  /** The settings view the Settings page shows. */
  settings(): Promise<unknown>
  /** The last run records, newest first (pipeline.runs). */
  runs(limit: number): Promise<unknown[]>
  /** The stack's status; may throw (no engine, no compose file): the message is recorded instead. */
  stackStatus(): Promise<unknown>
  /** Log files to tail; a missing one is noted, not an error. */
  logFiles: string[]
  /** To learn the secret values to scrub (secretsFromEnv) and to list Medallion's variables. */
  env: NodeJS.ProcessEnv
  /** Secret values known otherwise (the saved settings' decrypted secrets): scrubbed too, never written. */
  secrets?: Iterable<string>
  now?: () => Date
}
