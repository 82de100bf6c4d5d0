/**
 * Training benchmark: the wall time, the time per step and the peak memory (RSS, worker thread included)
 * of training the predictor and the advisor, at the original's size (1,500 clients, 23,663 purchases) and
 * at 1M purchases (the clients scaled with them: ~63,400). Each training runs in a fresh process on a
 * gold built beforehand, without MLflow (its network time is not the model's).
 * Usage: npx tsx scripts/bench-train.ts [--scales seed,1m] [--keep]. Never run by CI.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_CLIENTS } from '../pipelines/generate/generate.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { SEED_PURCHASES } from '../src-main/core/bench/pipeline-scales.ts'
import { MlService } from '../src-main/core/ml/ml-service.ts'
import { ML_DEFAULTS, ML_MODELS, type MlModel, type MlRunRecord } from '../src-preload/contract-ml.ts'
import { SOURCE_PATHS } from './source-paths.ts'

/** Generator sizes: the original's, and 1M purchases with the clients scaled by the same factor. */
const SCALES = {
  seed: {},
  '1m': { clients: Math.round((DEFAULT_CLIENTS * 1_000_000) / SEED_PURCHASES), purchases: 1_000_000 },
} as const
type Scale = keyof typeof SCALES

interface ChildReport {
  model: MlModel
  seconds: number
  peakRssMb: number
  steps: { step: string; seconds: number }[]
  headline: string
}

/** In the child: one training on the data folder's current gold, timed step by step. */
async function trainOnce(dataDir: string, model: MlModel): Promise<ChildReport> {
  const core = createCore({ dataDir, paths: SOURCE_PATHS, env: {} })
  const steps: { step: string; seconds: number }[] = []
  let last = { step: 'start', at: performance.now() }
  core.tasks.on('changed', (task) => {
    if (task.step === last.step) return
    const now = performance.now()
    steps.push({ step: last.step, seconds: (now - last.at) / 1000 })
    last = { step: task.step, at: now }
  })
  const started = performance.now()
  const record: MlRunRecord = await new MlService(core).train({ model, ...ML_DEFAULTS }).done
  const seconds = (performance.now() - started) / 1000
  steps.push({ step: last.step, seconds: (performance.now() - last.at) / 1000 })
  await core.close()
  const headline =
    model === 'predictor'
      ? `AUC ${record.metrics.model_roc_auc?.toFixed(4)} (heuristic ${record.metrics.baseline_roc_auc?.toFixed(4)}) on ${record.metrics.evaluation_clients} clients`
      : `silhouette ${record.metrics.silhouette?.toFixed(4)} on ${record.metrics.clients} clients`
  return { model, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, steps, headline }
}

function runChild(dataDir: string, model: MlModel): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--child', dataDir, model],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ChildReport)
        : reject(new Error(`${model} training exited ${code}`)),
    )
  })
}

async function benchScale(scale: Scale, keep: boolean): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `medallion-bench-train-${scale}-`))
  try {
    const core = createCore({ dataDir, paths: SOURCE_PATHS, env: {} })
    const generated = await core.sources.generate({ seed: 42, dirtyShare: 0, ...SCALES[scale] }).done
    await core.pipeline.start({ from: 'bronze' }).done
    await core.close()
    console.log(
      `\n${scale}: ${generated.clients.toLocaleString('en')} clients, ${generated.purchases.toLocaleString('en')} purchases`,
    )
    for (const model of ML_MODELS) {
      const report = await runChild(dataDir, model)
      console.log(
        `  ${model.padEnd(9)} ${report.seconds.toFixed(2).padStart(7)} s  peak RSS ${report.peakRssMb.toFixed(0).padStart(5)} MB  ${report.headline}`,
      )
      for (const s of report.steps)
        if (s.seconds >= 0.05) console.log(`      ${s.seconds.toFixed(2).padStart(6)} s  ${s.step}`)
    }
  } finally {
    if (keep) console.log(`  data kept in ${dataDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
  }
}

const { values, positionals } = parseArgs({
  options: {
    scales: { type: 'string', default: 'seed,1m' },
    keep: { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
  },
  allowPositionals: true,
})

if (values.child) {
  const [dataDir, model] = positionals as [string, MlModel]
  process.stdout.write(JSON.stringify(await trainOnce(dataDir, model)))
} else {
  console.log(`training benchmark on ${process.platform}, node ${process.version}`)
  for (const s of (values.scales ?? '').split(',')) {
    const scale = s.trim() as Scale
    if (!(scale in SCALES)) throw new Error(`unknown scale "${s}" (use ${Object.keys(SCALES).join(', ')})`)
    await benchScale(scale, values.keep ?? false)
  }
}
