/**
 * Finds the PySpark that runs `spark-submit` from this machine: MEDALLION_PYTHON, else the venv that
 * scripts/setup-python.sh creates (~/.cache/medallion/venv, or MEDALLION_VENV). Spark also needs Java 17
 * (JAVA_HOME, else `java` on the PATH).
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PySparkInstall {
  /** The Python that has PySpark; also the driver's Python. */
  python: string
  /** `<pyspark package>/bin/spark-submit`. */
  sparkSubmit: string
  /** The pyspark package folder, which is a Spark distribution (bin/, sbin/, jars/). */
  sparkHome: string
  version: string
}

/** How to get PySpark: the source tree has a set-up script; a packaged app brings none. */
export function installPySparkHint(packaged: boolean): string {
  return packaged
    ? 'the installed app does not bring PySpark: install PySpark 3.5 (with Java 17) yourself and set MEDALLION_PYTHON to its Python, or run on the stack (`medallion up --profile spark`) or on a cluster (SPARK_MASTER_URL)'
    : 'install it with `bash scripts/setup-python.sh` (a venv in ~/.cache/medallion/venv with pyspark 3.5.3; set MEDALLION_PYTHON to use another Python)'
}

export const INSTALL_JAVA_HINT =
  'Spark needs Java 17: install it (e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME'

export function defaultVenv(env: Record<string, string | undefined>): string {
  return env.MEDALLION_VENV?.trim() || join(homedir(), '.cache', 'medallion', 'venv')
}

/** The Pythons to try, in order; each is used only if it can import pyspark. */
export function pythonCandidates(env: Record<string, string | undefined>): string[] {
  const explicit = env.MEDALLION_PYTHON?.trim()
  if (explicit) return [explicit]
  const venv = defaultVenv(env)
  return [join(venv, 'bin', 'python'), join(venv, 'Scripts', 'python.exe')].filter((p) => existsSync(p))
}

/** Prints the PySpark version and package folder of the Python it runs in. */
export const PYSPARK_PROBE =
  'import json, os, pyspark; print(json.dumps([pyspark.__version__, os.path.dirname(pyspark.__file__)]))'

/** The first candidate Python that imports pyspark, or undefined when none does. */
export async function findPySpark(
  env: Record<string, string | undefined>,
): Promise<PySparkInstall | undefined> {
  for (const python of pythonCandidates(env)) {
    try {
      const { stdout } = await run(python, ['-c', PYSPARK_PROBE], { timeout: 30_000 })
      const [version, sparkHome] = JSON.parse(stdout.trim()) as [string, string]
      const sparkSubmit = join(sparkHome, 'bin', 'spark-submit')
      if (existsSync(sparkSubmit)) return { python, sparkSubmit, sparkHome, version }
    } catch {
      // Not a Python with PySpark: try the next one.
    }
  }
  return undefined
}

/** True when Java can be found the way Spark's launcher looks for it. */
export function javaAvailable(env: Record<string, string | undefined>): boolean {
  const javaHome = env.JAVA_HOME?.trim()
  if (javaHome) return existsSync(join(javaHome, 'bin', 'java'))
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'java')))
}
