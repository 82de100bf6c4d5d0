/** The insights pages' names for the format module's shares, probabilities, days and decimals. */
import { fmt } from '../../format/index.ts'

/** 0.423 → "42.3%"; '—' when unknown. */
export const formatShare = fmt.share

/** 0.423 → "42%", for cells where space is short. */
export const formatWholeShare = fmt.wholeShare

/** A change: 0.05 → "+5%", −0.1 → "−10%"; '—' when unknown. */
export const formatGrowth = fmt.growth

/** A probability as a number between 0 and 1 with two decimals ("0.63"). */
export const formatProbability = fmt.probability

/** A count with thousands separators; '—' when unknown. */
export const formatCountOf = fmt.count

/** 'YYYY-MM-DD' or an ISO timestamp (naive UTC) → "Mar 12, 2024"; anything else as it came. */
export const formatDay = fmt.day

/** A median or an average: up to one decimal ("2.5"); '—' when unknown. */
export const formatDecimal = fmt.decimal
