/**
 * Turns an image pull's progress events into one fraction and a short label. Docker reports bytes per
 * layer (`progressDetail.current/total` while downloading and extracting); Podman reports only each layer's
 * status, so the fraction then counts finished layers.
 */

export interface PullEvent {
  id?: string
  status?: string
  progress?: string
  progressDetail?: { current?: number; total?: number }
  error?: string
  errorDetail?: { message?: string }
}

interface LayerState {
  /** 0..1: downloading is the first half, extracting the second. */
  share: number
  downloaded: number
  size: number
}

const DONE_STATUSES = new Set(['Pull complete', 'Already exists'])
/** Layer ids are short or full hex digests; other ids name the tag being pulled. */
const LAYER_ID = /^[0-9a-f]{12,64}$/

export class PullProgress {
  private readonly layers = new Map<string, LayerState>()
  private highest = 0

  update(event: PullEvent): void {
    if (!event.id || !LAYER_ID.test(event.id) || !event.status) return
    const layer = this.layers.get(event.id) ?? { share: 0, downloaded: 0, size: 0 }
    this.layers.set(event.id, layer)
    const { current, total } = event.progressDetail ?? {}
    const partial =
      typeof current === 'number' && typeof total === 'number' && total > 0 ? current / total : 0
    if (DONE_STATUSES.has(event.status)) layer.share = 1
    else if (event.status === 'Downloading') {
      layer.share = Math.max(layer.share, partial / 2)
      if (typeof total === 'number' && total > 0) {
        layer.size = total
        layer.downloaded = current ?? 0
      }
    } else if (event.status === 'Download complete' || event.status === 'Verifying Checksum') {
      layer.share = Math.max(layer.share, 0.5)
      layer.downloaded = layer.size
    } else if (event.status === 'Extracting') layer.share = Math.max(layer.share, 0.5 + partial / 2)
    this.updateFraction()
  }

  /**
   * 0..1 over the layers seen so far. Never goes back: Podman announces a layer only when it starts on it,
   * so a new layer would otherwise pull the average down.
   */
  get fraction(): number {
    return this.highest
  }

  private updateFraction(): void {
    let sum = 0
    for (const layer of this.layers.values()) sum += layer.share
    this.highest = Math.max(this.highest, sum / this.layers.size)
  }

  /** e.g. `2/5 layers, 12.5 MB of 40.1 MB`, or `2/5 layers` when the engine gives no byte counts. */
  describe(): string {
    const layers = [...this.layers.values()]
    const done = layers.filter((l) => l.share >= 1).length
    const size = layers.reduce((n, l) => n + l.size, 0)
    const label = `${done}/${layers.length} layers`
    if (size === 0) return label
    const downloaded = layers.reduce((n, l) => n + (l.share >= 1 ? l.size : l.downloaded), 0)
    return `${label}, ${megabytes(downloaded)} of ${megabytes(size)}`
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}
