/**
 * A composed chart SVG as a PNG at twice its size (sharp on high-density screens and in documents).
 * The SVG is loaded as a `data:` image — the app's CSP allows `img-src data:` — and drawn on a canvas.
 */
import type { ComposedChart } from './chart-svg.ts'

export const PNG_SCALE = 2

export async function chartPng(chart: ComposedChart): Promise<Uint8Array> {
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = chart.width * PNG_SCALE
  canvas.height = chart.height * PNG_SCALE
  const context = canvas.getContext('2d')
  if (!context) throw new Error('this browser cannot draw on a canvas: export as SVG instead')
  context.scale(PNG_SCALE, PNG_SCALE)
  context.drawImage(image, 0, 0, chart.width, chart.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new Error('the chart could not be encoded as PNG: export as SVG instead')
  return new Uint8Array(await blob.arrayBuffer())
}
