/** The hash routes of a run's views: the links the history and the import flow build, read back by the page. */
import { describe, expect, it } from 'vitest'
import { pageFromHash } from '../src-renderer/App.tsx'
import { hashSegments } from '../src-renderer/hash-path.ts'
import { pipelineView, runCompareHash, runDetailHash } from '../src-renderer/pages/run-links.ts'

describe('run links', () => {
  const runId = '20261202T170405123Z-ab12'

  it('opens a run at #/pipeline/runs/<encoded id>, on the Pipeline page', () => {
    expect(runDetailHash(runId)).toBe(`#/pipeline/runs/${runId}`)
    expect(pageFromHash(runDetailHash(runId))).toBe('pipeline')
    expect(pipelineView(hashSegments(runDetailHash(runId)))).toEqual({ view: 'run', runId })
    // An id with characters a path would split on comes back whole.
    const odd = 'a/b c#d'
    expect(runDetailHash(odd)).toBe('#/pipeline/runs/a%2Fb%20c%23d')
    expect(pipelineView(hashSegments(runDetailHash(odd)))).toEqual({ view: 'run', runId: odd })
  })

  it('compares two runs at #/pipeline/compare/<a>/<b>; anything else is the history', () => {
    const other = '20261202T180000000Z-cd34'
    expect(pipelineView(hashSegments(runCompareHash(runId, other)))).toEqual({
      view: 'compare',
      a: runId,
      b: other,
    })
    for (const hash of [
      '#/pipeline',
      '#/pipeline/runs',
      '#/pipeline/compare/only-one',
      '#/pipeline/nope/x',
    ]) {
      expect(pipelineView(hashSegments(hash)), hash).toEqual({ view: 'history' })
    }
    // A malformed escape is kept as typed rather than breaking the page.
    expect(hashSegments('#/pipeline/runs/%E0%A4%A')).toEqual(['pipeline', 'runs', '%E0%A4%A'])
    expect(pageFromHash('#/sales')).toBe('sales')
    expect(pageFromHash('#/nope/runs/x')).toBe('overview')
  })
})
