/** Held-out measures of a score against what happened: ranking, calibration, and the top tenth. */

/** Probabilities are clipped this far from 0 and 1 before a log (an exact 0 or 1 would be infinite). */
const EPSILON = 1e-15

/** Indexes by score, highest first; ties keep the row order (clients by id), so results are stable. */
function byScoreDescending(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
}

/** ROC AUC by ranks (Mann–Whitney), tied scores sharing their average rank; 0.5 without both classes. */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0))
  let positives = 0
  let rankSum = 0
  for (let start = 0; start < order.length; ) {
    let end = start
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number])
      end++
    const rank = (start + end) / 2 + 1
    for (let k = start; k <= end; k++) {
      if (labels[order[k] as number] === 1) {
        positives++
        rankSum += rank
      }
    }
    start = end + 1
  }
  const negatives = order.length - positives
  if (positives === 0 || negatives === 0) return 0.5
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

export function logLoss(probabilities: readonly number[], labels: readonly number[]): number {
  let sum = 0
  probabilities.forEach((p, i) => {
    const q = Math.min(1 - EPSILON, Math.max(EPSILON, p))
    sum -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q)
  })
  return sum / Math.max(probabilities.length, 1)
}

export function brier(probabilities: readonly number[], labels: readonly number[]): number {
  let sum = 0
  probabilities.forEach((p, i) => {
    sum += (p - (labels[i] ?? 0)) ** 2
  })
  return sum / Math.max(probabilities.length, 1)
}

/** Precision and recall when contacting the tenth of clients with the highest scores. */
export function topDecile(
  scores: readonly number[],
  labels: readonly number[],
): { precision: number; recall: number } {
  const top = byScoreDescending(scores).slice(0, Math.ceil(scores.length / 10))
  const hits = top.filter((i) => labels[i] === 1).length
  const positives = labels.filter((l) => l === 1).length
  return { precision: top.length ? hits / top.length : 0, recall: positives ? hits / positives : 0 }
}

export function meanAbsoluteError(predicted: readonly number[], actual: readonly number[]): number {
  let sum = 0
  predicted.forEach((p, i) => {
    sum += Math.abs(p - (actual[i] ?? 0))
  })
  return sum / Math.max(predicted.length, 1)
}

/** Decile of each score: 1 for the highest tenth, 10 for the lowest (ties in row order). */
export function deciles(scores: readonly number[]): number[] {
  const out = new Array<number>(scores.length)
  byScoreDescending(scores).forEach((row, rank) => {
    out[row] = Math.floor((rank * 10) / scores.length) + 1
  })
  return out
}

/** The ROC curve as at most `points` + 1 (false positive rate, true positive rate) pairs, for a plot. */
export function rocCurve(
  scores: readonly number[],
  labels: readonly number[],
  points = 100,
): { fpr: number; tpr: number }[] {
  const order = byScoreDescending(scores)
  const positives = labels.filter((l) => l === 1).length
  const negatives = labels.length - positives
  const curve = [{ fpr: 0, tpr: 0 }]
  let tp = 0
  let fp = 0
  const every = Math.max(1, Math.floor(order.length / points))
  order.forEach((row, k) => {
    if (labels[row] === 1) tp++
    else fp++
    const last = k === order.length - 1
    const tieNext = !last && scores[order[k + 1] as number] === scores[row]
    if (!tieNext && ((k + 1) % every === 0 || last)) {
      curve.push({ fpr: negatives ? fp / negatives : 0, tpr: positives ? tp / positives : 0 })
    }
  })
  return curve
}
