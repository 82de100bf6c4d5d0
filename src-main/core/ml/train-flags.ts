/** `medallion train predictor|advisor [--horizon N] [--clusters K] [--seed S]` as the contract's input, or what is wrong. */
import { ML_LIMITS, ML_MODELS, type MlTrainArgs, MlTrainInput } from '../../../src-preload/contract-ml.ts'

const FLAGS = { horizonDays: 'horizon', clusters: 'clusters', seed: 'seed' } as const

/** The parsed input, or a message for a usage error. */
export function parseTrainFlags(
  model: string | undefined,
  flags: { horizon?: string; clusters?: string; seed?: string },
): MlTrainArgs | string {
  if (!model || !(ML_MODELS as readonly string[]).includes(model)) {
    return `train needs the model to train: ${ML_MODELS.join(' or ')}${model ? `, got "${model}"` : ''}`
  }
  const numbers: Record<string, number> = {}
  for (const [field, flag] of Object.entries(FLAGS)) {
    const raw = flags[flag]
    if (raw === undefined) continue
    if (!/^\d+$/.test(raw)) return `--${flag} expects a whole number, got "${raw}"`
    numbers[field] = Number(raw)
  }
  const parsed = MlTrainInput.safeParse({ model, ...numbers })
  if (parsed.success) return parsed.data
  const field = String(parsed.error.issues[0]?.path[0] ?? '') as keyof typeof FLAGS
  const limits = ML_LIMITS[field]
  return `--${FLAGS[field]} must be a whole number from ${limits.min} to ${limits.max}, got "${flags[FLAGS[field]]}"`
}
