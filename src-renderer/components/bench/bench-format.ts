/** The Benchmarks page's names for the format module's durations and rates. */
import { fmt } from '../../format/index.ts'

export const formatSeconds = fmt.seconds
export const formatMs = fmt.ms
export const formatRate = (perSecond: number) => fmt.rate(perSecond)
