/**
 * Models: training the predictor and the advisor, their runs and MLflow links (issue 6).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-ml.ts.
 */
export const mlCalls = {} as const
