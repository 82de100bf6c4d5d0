/**
 * A chart on screen as one standalone SVG: the title, the recharts SVG and its legend (recharts draws the
 * legend in HTML, beside the SVG), laid out as shown, with every style the page applies written inline so
 * the file renders the same anywhere (no stylesheet, no CSS variables; the current theme's colours).
 */

const SVG_NS = 'http://www.w3.org/2000/svg'

/** The computed properties that decide how SVG shapes and text look. */
const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
] as const

const PADDING = 16
const TITLE_GAP = 12

export interface ComposedChart {
  svg: string
  width: number
  height: number
}

/** Properties an element takes from its parent unless it sets its own (the rest are written wherever set). */
const NOT_INHERITED: ReadonlySet<string> = new Set(['opacity'])

/**
 * Copies the computed look of `source` and its descendants onto the matching nodes of its clone. An
 * inherited value equal to the parent's is left out: the file stays small and renders the same.
 */
function inlineStyles(source: Element, clone: Element, parent?: CSSStyleDeclaration): void {
  const computed = getComputedStyle(source)
  const declarations: string[] = []
  for (const property of INLINED_PROPERTIES) {
    const value = computed.getPropertyValue(property)
    if (value === '') continue
    const inherited = !NOT_INHERITED.has(property) && parent?.getPropertyValue(property) === value
    const defaultOpacity = property === 'opacity' && value === '1'
    if (!inherited && !defaultOpacity) declarations.push(`${property}:${value}`)
  }
  if (declarations.length > 0) clone.setAttribute('style', declarations.join(';'))
  else clone.removeAttribute('style')
  // A presentation attribute written with a CSS variable (fill="var(--chart-1)") means nothing outside the
  // page; its resolved value is in the style just written.
  for (const attribute of [...clone.attributes]) {
    if (attribute.value.includes('var(')) clone.removeAttribute(attribute.name)
  }
  const sourceChildren = source.children
  const cloneChildren = clone.children
  for (let i = 0; i < sourceChildren.length; i++) {
    const from = sourceChildren[i]
    const to = cloneChildren[i]
    if (from && to) inlineStyles(from, to, computed)
  }
}

function styledClone(svg: SVGElement): SVGElement {
  const clone = svg.cloneNode(true) as SVGElement
  inlineStyles(svg, clone)
  // A tooltip cursor or an active dot left from hovering is not part of the figure.
  for (const hover of clone.querySelectorAll('.recharts-tooltip-cursor, .recharts-active-dot')) hover.remove()
  // Focus handling belongs to the page, not to a file.
  clone.removeAttribute('tabindex')
  clone.removeAttribute('role')
  return clone
}

function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value))
  return element
}

function textElement(
  source: Element,
  x: number,
  y: number,
  content = source.textContent ?? '',
): SVGTextElement {
  const style = getComputedStyle(source)
  const text = svgElement('text', {
    x,
    y,
    'dominant-baseline': 'central',
    fill: style.color,
    'font-family': style.fontFamily,
    'font-size': style.fontSize,
    'font-weight': style.fontWeight,
  })
  text.textContent = content
  return text
}

/** The width `text` takes in `source`'s font, so a title longer than the chart widens the figure. */
function textWidth(source: Element, text: string): number {
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return 0
  const style = getComputedStyle(source)
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
  return Math.ceil(context.measureText(text).width)
}

/** Places a box measured on screen into the output, relative to the content's top-left corner. */
function placed(rect: DOMRect, origin: { left: number; top: number }, offsetY: number) {
  return { x: rect.left - origin.left + PADDING, y: rect.top - origin.top + offsetY }
}

/**
 * The chart inside `area` (its main recharts SVG and legend) with a title above it — `title`, or
 * `titleElement`'s text — in `titleElement`'s font, on the frame's background colour.
 */
export function composeChartSvg(
  area: HTMLElement,
  titleElement: HTMLElement,
  background: string,
  title = titleElement.textContent ?? '',
): ComposedChart {
  const chart = area.querySelector<SVGSVGElement>('.recharts-wrapper > svg') ?? area.querySelector('svg')
  if (!chart) throw new Error('the chart has not been drawn yet: wait for it to appear, then export again')
  const chartRect = chart.getBoundingClientRect()
  const legendItems = [...area.querySelectorAll<HTMLElement>('.recharts-legend-item')]
  // The legend may sit outside the SVG's box: the figure is the union of both.
  let left = chartRect.left
  let top = chartRect.top
  let right = chartRect.right
  let bottom = chartRect.bottom
  for (const item of legendItems) {
    const r = item.getBoundingClientRect()
    left = Math.min(left, r.left)
    top = Math.min(top, r.top)
    right = Math.max(right, r.right)
    bottom = Math.max(bottom, r.bottom)
  }
  const titleSize = Number.parseFloat(getComputedStyle(titleElement).fontSize) || 15
  const contentTop = PADDING + titleSize + TITLE_GAP
  const width = Math.ceil(Math.max(right - left, textWidth(titleElement, title)) + 2 * PADDING)
  const height = Math.ceil(contentTop + (bottom - top) + PADDING)
  const origin = { left, top }

  const root = svgElement('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}` })
  root.append(svgElement('rect', { x: 0, y: 0, width, height, fill: background }))
  root.append(textElement(titleElement, PADDING, PADDING + titleSize / 2, title))

  const body = styledClone(chart)
  const at = placed(chartRect, origin, contentTop)
  body.setAttribute('x', String(at.x))
  body.setAttribute('y', String(at.y))
  body.setAttribute('width', String(chartRect.width))
  body.setAttribute('height', String(chartRect.height))
  root.append(body)

  for (const item of legendItems) {
    const icon = item.querySelector('svg')
    if (icon) {
      const iconRect = icon.getBoundingClientRect()
      const iconAt = placed(iconRect, origin, contentTop)
      const iconClone = styledClone(icon)
      iconClone.setAttribute('x', String(iconAt.x))
      iconClone.setAttribute('y', String(iconAt.y))
      iconClone.setAttribute('width', String(iconRect.width))
      iconClone.setAttribute('height', String(iconRect.height))
      root.append(iconClone)
    }
    const label = item.querySelector<HTMLElement>('.recharts-legend-item-text') ?? item
    const labelRect = label.getBoundingClientRect()
    const labelAt = placed(labelRect, origin, contentTop)
    root.append(textElement(label, labelAt.x, labelAt.y + labelRect.height / 2))
  }

  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`
  return { svg, width, height }
}
