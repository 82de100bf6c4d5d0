/**
 * Reset by scope on a real engine: containers ⊂ volumes ⊂ data. The preview lists exactly what each step
 * deletes, the reset deletes exactly that, and nothing outside the scope (another project's volume, the
 * local lake without the data scope, files beside the data paths) is touched.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { isNotFound } from '../src-main/core/stack/engine-error.ts'
import { projectContainers, projectVolumes } from '../src-main/core/stack/project-resources.ts'
import type { StackPlan } from '../src-main/core/stack/stack-plan.ts'
import { previewReset, reset } from '../src-main/core/stack/stack-reset.ts'
import { up } from '../src-main/core/stack/stack-up.ts'
import { ENGINE_LABEL, fixturePlan, PODMAN, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { ensureTestImage } from './helpers/test-images.ts'

// The tests skip when there is no engine; inside them it is there.
const engine = PODMAN.engine as Engine
const stop = { stopTimeoutSeconds: 0 }

async function volumeExists(name: string): Promise<boolean> {
  try {
    await engine.docker.getVolume(name).inspect()
    return true
  } catch (err) {
    if (isNotFound(err)) return false
    throw err
  }
}

describe('reset of local data paths', () => {
  it('refuses to delete a filesystem root or the home folder', async () => {
    for (const path of ['/', homedir(), 'relative/lake']) {
      const err = await previewReset(undefined, 'mt-any', 'data', [path]).catch((e) => e)
      expect(err.code).toBe('unsafe_reset_path')
    }
  })
})

describe.skipIf(!PODMAN.engine)(`stack reset by scope (${ENGINE_LABEL})`, () => {
  const project = uniqueProject('reset')
  const otherProject = uniqueProject('other')
  const otherVolume = `${otherProject}_keep`
  let plan: StackPlan
  let dataDir: string
  let lakeDir: string
  let runHistory: string
  let besideData: string

  beforeAll(async () => {
    plan = await fixturePlan('keeper.yml', project, { TEST_IMAGE: await ensureTestImage(engine) })
    await engine.docker.createVolume({
      Name: otherVolume,
      Labels: { 'com.docker.compose.project': otherProject },
    })
  })

  afterAll(async () => {
    await removeTestProject(engine, project)
    await removeTestProject(engine, otherProject)
  })

  beforeEach(async () => {
    await up(engine, plan, { timeoutMs: 20_000 })
    dataDir = mkdtempSync(join(tmpdir(), 'medallion-reset-'))
    lakeDir = join(dataDir, 'lake')
    runHistory = join(dataDir, 'runs.jsonl')
    besideData = join(dataDir, 'settings.json')
    mkdirSync(join(lakeDir, 'gold/run-1'), { recursive: true })
    writeFileSync(join(lakeDir, 'gold/run-1/kpis.parquet'), 'not really parquet')
    writeFileSync(runHistory, '{}\n')
    writeFileSync(besideData, '{}')
  })

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('containers: removes the containers and the network, keeps the volume and the local data', async () => {
    const preview = await previewReset(engine, project, 'containers', [lakeDir, runHistory])
    expect(preview).toEqual([
      {
        scope: 'containers',
        items: [
          { kind: 'container', name: `${project}-store-1` },
          { kind: 'network', name: `${project}_default` },
        ],
      },
    ])
    const report = await reset(engine, project, 'containers', [lakeDir, runHistory], stop)
    expect(report.map((step) => [step.scope, step.deleted.length, step.failed])).toEqual([
      ['containers', 2, []],
    ])
    expect(await projectContainers(engine.docker, project)).toEqual([])
    expect(await volumeExists(`${project}_store_data`)).toBe(true)
    expect(existsSync(lakeDir)).toBe(true)
  })

  it('volumes: also removes the project volume, keeps the local data and other projects', async () => {
    const preview = await previewReset(engine, project, 'volumes', [lakeDir, runHistory])
    expect(preview.map((step) => step.scope)).toEqual(['containers', 'volumes'])
    expect(preview[1]?.items).toEqual([{ kind: 'volume', name: `${project}_store_data` }])
    const report = await reset(engine, project, 'volumes', [lakeDir, runHistory], stop)
    expect(report[1]).toMatchObject({ scope: 'volumes', deleted: preview[1]?.items, failed: [] })
    expect(await volumeExists(`${project}_store_data`)).toBe(false)
    expect(await projectVolumes(engine.docker, project)).toEqual([])
    expect(existsSync(join(lakeDir, 'gold/run-1/kpis.parquet'))).toBe(true)
    expect(existsSync(runHistory)).toBe(true)
    expect(await volumeExists(otherVolume)).toBe(true)
  })

  it('data: also deletes the local lake and the run history, and nothing beside them', async () => {
    const preview = await previewReset(engine, project, 'data', [lakeDir, runHistory])
    expect(preview.map((step) => step.scope)).toEqual(['containers', 'volumes', 'data'])
    expect(preview[2]?.items).toEqual([
      { kind: 'path', name: lakeDir },
      { kind: 'path', name: runHistory },
    ])
    const report = await reset(engine, project, 'data', [lakeDir, runHistory], stop)
    expect(report.flatMap((step) => step.failed)).toEqual([])
    expect(report.map((step) => step.deleted)).toEqual(preview.map((step) => step.items))
    expect(existsSync(lakeDir)).toBe(false)
    expect(existsSync(runHistory)).toBe(false)
    expect(existsSync(besideData)).toBe(true)
    expect(await volumeExists(`${project}_store_data`)).toBe(false)
    expect(await volumeExists(otherVolume)).toBe(true)
  })
})
