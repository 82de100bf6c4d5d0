/**
 * Numbers as the UI writes them, in one locale: counts with thousands separators, money in euros, shares,
 * model metrics and compact axis ticks. Unknown or non-finite values read '—' everywhere.
 */

export const MISSING = '—'
export const CURRENCY = 'EUR'

const known = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value)

export function numberFormats(locale: string | undefined) {
  const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options)
  const count = nf({ maximumFractionDigits: 0 })
  const decimal = nf({ maximumFractionDigits: 1 })
  const money = nf({ style: 'currency', currency: CURRENCY, maximumFractionDigits: 0 })
  const preciseMoney = nf({ style: 'currency', currency: CURRENCY, maximumFractionDigits: 2 })
  // Three significant digits tell nice ticks apart: 1.05M and 1.1M stay different.
  const compactMoney = nf({
    style: 'currency',
    currency: CURRENCY,
    notation: 'compact',
    maximumSignificantDigits: 3,
  })
  const compactCount = nf({ notation: 'compact', maximumSignificantDigits: 3 })
  const share = nf({ style: 'percent', maximumFractionDigits: 1 })
  const wholeShare = nf({ style: 'percent', maximumFractionDigits: 0 })
  const growth = nf({ style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' })
  // Every metric with the same three decimals, so 0.842 and 0.806 line up.
  const points = nf({ maximumFractionDigits: 0 })
  const metric = nf({ minimumFractionDigits: 3, maximumFractionDigits: 3 })
  const probability = nf({ minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const use =
    (format: Intl.NumberFormat) =>
    (value: number | null | undefined): string =>
      known(value) ? format.format(value) : MISSING

  return {
    /** 3949 → "3,949". */
    count: use(count),
    /** A median or an average: up to one decimal ("2.5"). */
    decimal: use(decimal),
    /** Whole euros: 251 → "€251". */
    money: use(money),
    /** Euros with cents when there are any, for small amounts (an error per client). */
    preciseMoney: use(preciseMoney),
    /** Axis ticks: 1_050_000 → "€1.05M". */
    compactMoney: use(compactMoney),
    /** Axis ticks: 23_663 → "23.7K". */
    compactCount: use(compactCount),
    /** 0.423 → "42.3%". */
    share: use(share),
    /** 0.423 → "42%", where space is short. */
    wholeShare: use(wholeShare),
    /** A share as whole points without the sign, for dense grids headed "%": 0.423 → "42". */
    percentPoints: (value: number | null | undefined): string =>
      known(value) ? points.format(value * 100) : MISSING,
    /** A change: 0.05 → "+5%", −0.1 → "−10%". */
    growth: use(growth),
    /** A model's score: 0.8055 → "0.806". */
    metric: use(metric),
    /** A probability between 0 and 1: "0.63". */
    probability: use(probability),
  }
}
