/** Call names of one area of the contract (no zod: the preload bundles these). Models: training the predictor and the advisor, their runs and MLflow links (issue 6). */
export const ML_CALLS = [] as const
