import { describe, expect, it } from 'vitest'
import { missedTarget } from '../src-renderer/components/bench/bench-format.ts'
import {
  coveredRange,
  markPartialPeriods,
  partialCoverage,
  partialMark,
  partialText,
} from '../src-renderer/components/partial-periods.ts'
import { createFormat } from '../src-renderer/format/index.ts'

// Intl separates French thousands with a narrow no-break space, and "€" and "%" with a no-break space.
const nnbsp = '\u202f'
const nbsp = '\u00a0'

describe('the renderer format module', () => {
  const en = createFormat('en-US')
  const fr = createFormat('fr-FR')

  it('writes counts with thousands separators', () => {
    expect(en.count(3949)).toBe('3,949')
    expect(en.count(23663)).toBe('23,663')
    expect(fr.count(23663)).toBe(`23${nnbsp}663`)
    expect(en.count(Number.NaN)).toBe('—')
    expect(en.count(null)).toBe('—')
  })

  it('writes money in euros', () => {
    expect(en.money(251.4)).toBe('€251')
    expect(en.money(6008545)).toBe('€6,008,545')
    expect(fr.money(6008545)).toBe(`6${nnbsp}008${nnbsp}545${nbsp}€`)
    expect(en.preciseMoney(12.5)).toBe('€12.50')
  })

  it('keeps compact ticks apart: €1.05M is not rounded to €1.1M', () => {
    expect(en.compactMoney(1_050_000)).toBe('€1.05M')
    expect(en.compactMoney(1_100_000)).toBe('€1.1M')
    expect(en.compactMoney(250_000)).toBe('€250K')
    expect(fr.compactMoney(1_050_000)).toBe(`1,05${nbsp}M${nbsp}€`)
    expect(en.compactCount(23_663)).toBe('23.7K')
  })

  it('writes shares, changes, metrics and probabilities', () => {
    expect(en.share(0.4234)).toBe('42.3%')
    expect(fr.share(0.4234)).toBe(`42,3${nbsp}%`)
    expect(en.wholeShare(0.4234)).toBe('42%')
    expect(en.growth(0.05)).toBe('+5%')
    expect(en.growth(-0.1)).toBe('-10%')
    expect(en.metric(0.842)).toBe('0.842')
    expect(en.metric(0.8055)).toBe('0.806')
    expect(fr.metric(0.842)).toBe('0,842')
    expect(en.probability(0.8)).toBe('0.80')
    expect(en.decimal(2.46)).toBe('2.5')
  })

  it('writes naive-UTC days and months whatever the time zone', () => {
    expect(en.day('2026-10-31T00:00:00.000')).toBe('Oct 31, 2026')
    expect(en.day('2024-03-12')).toBe('Mar 12, 2024')
    expect(fr.day('2026-10-31T00:00:00.000')).toBe('31 oct. 2026')
    expect(en.month('2024-03')).toBe('Mar 2024')
    expect(fr.month('2024-03')).toBe('mars 2024')
    expect(en.day('not a date')).toBe('not a date')
    expect(en.day(null)).toBe('—')
  })

  it('writes date-times of instants in the locale', () => {
    const instant = Date.UTC(2026, 11, 3, 5, 42, 26)
    expect(en.dateTime(instant)).toMatch(/^Dec \d, 2026, \d{1,2}:42:26\s?[AP]M$/)
    expect(fr.dateTime(instant)).toMatch(/^\d déc\. 2026, \d{2}:42:26$/)
    expect(en.dateTime('garbage')).toBe('garbage')
  })

  it('writes durations and rates', () => {
    expect(en.seconds(0.85)).toBe('850 ms')
    expect(en.seconds(2.345)).toBe('2.35 s')
    expect(fr.seconds(2.345)).toBe('2,35 s')
    expect(en.seconds(12.34)).toBe('12.3 s')
    expect(en.seconds(185)).toBe('3 min 05 s')
    expect(en.seconds(3 * 3600 + 7 * 60)).toBe('3 h 07 min')
    expect(en.ms(0.1234)).toBe('0.123 ms')
    expect(en.ms(1500)).toBe('1.5 s')
    expect(en.ms(850.4)).toBe('850 ms')
    expect(en.rate(12345.6)).toBe('12,346/s')
    expect(en.rate(12345.6, 'rows')).toBe('12,346 rows/s')
    expect(fr.rate(12345.6)).toBe(`12${nnbsp}346/s`)
  })
})

describe('partial periods', () => {
  const range = { from: '2024-01-06', to: '2024-03-12' }

  it('counts the days of data in the first and last week and month', () => {
    // 2024-01-01 is a Monday: the data starts on Saturday the 6th, so that week has 2 days.
    expect(partialCoverage('2024-01-01', 'week', range)).toEqual({ days: 2, of: 7 })
    expect(partialCoverage('2024-01-08', 'week', range)).toBeNull()
    // The week of Monday 11 March holds the 11th and the 12th.
    expect(partialCoverage('2024-03-11', 'week', range)).toEqual({ days: 2, of: 7 })
    expect(partialCoverage('2024-01', 'month', range)).toEqual({ days: 26, of: 31 })
    expect(partialCoverage('2024-02', 'month', range)).toBeNull()
    expect(partialCoverage('2024-03', 'month', range)).toEqual({ days: 12, of: 31 })
    expect(partialCoverage('2024-01-06', 'day', range)).toBeNull()
    expect(partialText({ days: 2, of: 7 })).toBe('partial: 2 of 7 days')
  })

  it('narrows the data range by the selection', () => {
    expect(coveredRange(range, { from: '2024-02-01' })).toEqual({ from: '2024-02-01', to: '2024-03-12' })
    expect(coveredRange(range, { from: '2023-01-01', to: '2024-04-01' })).toEqual(range)
  })

  it('splits the line into a solid part and a dashed part joined at the neighbours', () => {
    const points = ['2024-01-01', '2024-01-08', '2024-01-15', '2024-03-11'].map((key, i) => ({
      key,
      ca: i + 1,
    }))
    const marked = markPartialPeriods(
      points,
      (p) => p.key,
      (p) => p.ca,
      'week',
      range,
    )
    expect(marked.map((p) => [p.whole, p.part])).toEqual([
      [null, 1],
      [2, 2],
      [3, 3],
      [null, 4],
    ])
    expect(partialMark(marked, (p) => p.key)).toBe('2024-01-01:2/7 2024-03-11:2/7')
  })
})

describe('a missed benchmark target', () => {
  it('names the target and the figure', () => {
    expect(missedTarget({ totalS: 4.1, targetS: 3, peakRssMb: 800 }, createFormat('en-US'))).toBe(
      'missed the 3 s target (took 4.1 s)',
    )
    expect(
      missedTarget({ totalS: 2, targetS: 3, peakRssMb: 4200, targetRssMb: 4000 }, createFormat('en-US')),
    ).toBe('missed the 4,000 MB memory target (peak 4,200 MB)')
  })
})
