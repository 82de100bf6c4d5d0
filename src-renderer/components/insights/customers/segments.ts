/**
 * The RFM segments of gold's client scores (pipelines/gold/scores.ts, which the renderer cannot import: it
 * builds polars expressions): a colour from the theme and one line on what puts a client there.
 */
const SEGMENT_STYLES: Record<string, { color: string; rule: string }> = {
  VIP: { color: 'var(--chart-1)', rule: 'probability ≥ 0.65 and 12-month spend in the top quarter' },
  Actifs: {
    color: 'var(--chart-3)',
    rule: 'probability ≥ 0.55 and a last purchase among the most recent quarter',
  },
  'A relancer': {
    color: 'var(--chart-4)',
    rule: '12-month spend in the top quarter, last purchase among the oldest quarter',
  },
  Dormants: {
    color: 'var(--chart-5)',
    rule: 'few purchases in 12 months, last purchase among the oldest quarter',
  },
  'A potentiel': { color: 'var(--chart-2)', rule: 'everyone else' },
}

export function segmentColor(segment: string | null): string {
  return (segment && SEGMENT_STYLES[segment]?.color) || 'var(--muted)'
}

export function segmentRule(segment: string): string {
  return SEGMENT_STYLES[segment]?.rule ?? ''
}
