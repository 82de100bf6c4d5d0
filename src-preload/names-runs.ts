/** Call names of one area of the contract (no zod: the preload bundles these). Inspecting runs: a run's rejects, two runs compared (issue 14). */
export const RUNS_CALLS = ['pipeline.rejects', 'pipeline.compare'] as const
