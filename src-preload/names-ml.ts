/**
 * Call names of one area of the contract (no zod: the preload bundles these). Models: training the predictor and the advisor, their runs and MLflow links (issue 6).
 * Also the area's plain values the renderer needs, zod-free for the same reason.
 */
export const ML_CALLS = ['ml.train', 'ml.runs'] as const

export const ML_MODELS = ['predictor', 'advisor'] as const
export type MlModel = (typeof ML_MODELS)[number]

/** The kind of the tasks `ml.train` starts, so a page can find them among the tasks. */
export const ML_TASK_KIND = 'ml-train'

export const ML_DEFAULTS = { horizonDays: 90, clusters: 5, seed: 42 } as const
/** The inputs' bounds, checked by the contract and offered by the page. */
export const ML_LIMITS = {
  horizonDays: { min: 7, max: 365 },
  clusters: { min: 2, max: 12 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const

/**
 * The advisor's win-back list names only clients with no purchase for more than this many days: one who
 * bought within about a purchase cycle is still active, whatever the segment says.
 */
export const WINBACK_AFTER_DAYS = 45
