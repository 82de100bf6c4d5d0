/**
 * Small standalone SVG charts for a training's artifacts (MLflow shows them inline): lines on a unit
 * square (a ROC curve) and horizontal bars. Files, not the app's UI, so their colours are fixed here.
 */

const WIDTH = 560
const HEIGHT = 400
const MARGIN = { top: 40, right: 20, bottom: 50, left: 60 }
export const PLOT_COLORS = ['#b07a1c', '#1c5fb0', '#1f7a4d', '#b3261e', '#6e4bb5', '#0f7c86'] as const

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

function frame(title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n')
}

export interface LineSeries {
  name: string
  points: { x: number; y: number }[]
}

/** Lines over [0, 1] × [0, 1], with the diagonal of a random score and a legend. */
export function unitLinesSvg(title: string, axes: { x: string; y: string }, series: LineSeries[]): string {
  const w = WIDTH - MARGIN.left - MARGIN.right
  const h = HEIGHT - MARGIN.top - MARGIN.bottom
  const px = (x: number) => (MARGIN.left + x * w).toFixed(1)
  const py = (y: number) => (MARGIN.top + (1 - y) * h).toFixed(1)
  const body = [
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${w}" height="${h}" fill="none" stroke="#9aa3b2"/>`,
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#9aa3b2" stroke-dasharray="4 4"/>`,
    ...[0, 0.5, 1].flatMap((t) => [
      `<text x="${px(t)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${t}</text>`,
      `<text x="${MARGIN.left - 8}" y="${py(t)}" text-anchor="end" dominant-baseline="middle">${t}</text>`,
    ]),
    `<text x="${MARGIN.left + w / 2}" y="${HEIGHT - 12}" text-anchor="middle">${escapeXml(axes.x)}</text>`,
    `<text x="16" y="${MARGIN.top + h / 2}" text-anchor="middle" transform="rotate(-90 16 ${MARGIN.top + h / 2})">${escapeXml(axes.y)}</text>`,
    ...series.flatMap((s, i) => {
      const color = PLOT_COLORS[i % PLOT_COLORS.length]
      const path = s.points.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')
      const legendY = MARGIN.top + h - 16 - 18 * (series.length - 1 - i)
      return [
        `<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`,
        `<line x1="${px(0.55)}" y1="${legendY}" x2="${px(0.62)}" y2="${legendY}" stroke="${color}" stroke-width="3"/>`,
        `<text x="${Number(px(0.64))}" y="${legendY}" dominant-baseline="middle">${escapeXml(s.name)}</text>`,
      ]
    }),
  ]
  return frame(title, body)
}

/** Horizontal bars, one per label, scaled to the largest value, each with its formatted value. */
export function barsSvg(title: string, bars: { label: string; value: number; text: string }[]): string {
  const labelWidth = 170
  const w = WIDTH - MARGIN.right - labelWidth - 90
  const rowHeight = Math.min(36, (HEIGHT - MARGIN.top - 20) / Math.max(bars.length, 1))
  const max = Math.max(...bars.map((b) => b.value), 1e-12)
  const body = bars.flatMap((b, i) => {
    const y = MARGIN.top + i * rowHeight
    const length = Math.max(0, (b.value / max) * w)
    return [
      `<text x="${labelWidth - 8}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${length.toFixed(1)}" height="${rowHeight - 8}" fill="${PLOT_COLORS[i % PLOT_COLORS.length]}"/>`,
      `<text x="${labelWidth + length + 6}" y="${y + rowHeight / 2}" dominant-baseline="middle">${escapeXml(b.text)}</text>`,
    ]
  })
  return frame(title, body)
}
