/**
 * Links to a run's views. The import flow navigates to `runDetailHash(runId)` when its run ends: keep the
 * format `#/pipeline/runs/<URL-encoded run id>`.
 */
export function runDetailHash(runId: string): string {
  return `#/pipeline/runs/${encodeURIComponent(runId)}`
}

export function runCompareHash(a: string, b: string): string {
  return `#/pipeline/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`
}

export const RUN_HISTORY_HASH = '#/pipeline'

/** The view of the pipeline page a path asks for: its history, one run, or two runs compared. */
export type PipelineView =
  | { view: 'history' }
  | { view: 'run'; runId: string }
  | { view: 'compare'; a: string; b: string }

/** `['pipeline', 'runs', id]` → one run; `['pipeline', 'compare', a, b]` → compared; anything else the history. */
export function pipelineView(segments: readonly string[]): PipelineView {
  const [, view, first, second] = segments
  if (view === 'runs' && first) return { view: 'run', runId: first }
  if (view === 'compare' && first && second) return { view: 'compare', a: first, b: second }
  return { view: 'history' }
}
