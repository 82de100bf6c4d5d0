/**
 * How a Spark job reaches the stack's master container: commands run through the engine's exec API, the
 * plan fed on stdin (never on a command line), output read line by line, the exit code reported. Checked on
 * a real engine with a small local image (the apache/spark image cannot be pulled on the test machines).
 */
import type Dockerode from 'dockerode'
import { execInContainer } from '../src-main/core/spark/container-exec.ts'
import { stopAndRemove } from '../src-main/core/stack/containers.ts'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { ENGINE_LABEL, PODMAN } from './helpers/podman.ts'
import { ensureTestImage } from './helpers/test-images.ts'

const engine = PODMAN.engine as Engine

describe.skipIf(!PODMAN.engine)(`commands in a stack container (${ENGINE_LABEL})`, () => {
  let container: Dockerode.Container
  const name = `medallion-spark-exec-${process.pid}`

  beforeAll(async () => {
    container = await engine.docker.createContainer({
      name,
      Image: await ensureTestImage(engine),
      Cmd: ['sleep', '600'],
    })
    await container.start()
  })

  afterAll(async () => {
    await stopAndRemove(engine.docker, name, 1)
  })

  it('feeds stdin to the command, then closes it, and returns its output lines and exit code', async () => {
    const plan = JSON.stringify({ runId: 'r1', secret: 'not on a command line' })
    const write = await execInContainer(container, ['sh', '-c', 'umask 077 && cat > /tmp/plan.json'], {
      stdin: plan,
    })
    expect(write).toBe(0)
    const lines: string[] = []
    const code = await execInContainer(
      container,
      ['sh', '-c', 'cat /tmp/plan.json; echo; echo "MEDALLION log {}" >&2; echo $NAME; exit 3'],
      { env: ['NAME=spark'], onLine: (line) => lines.push(line) },
    )
    expect(code).toBe(3)
    // stdout and stderr arrive as separate frames: their relative order is not kept.
    expect(lines.sort()).toEqual([plan, 'MEDALLION log {}', 'spark'].sort())
  })

  it('reports a command that cannot start as a failed exit', async () => {
    expect(await execInContainer(container, ['sh', '-c', 'no-such-command'])).toBe(127)
  })
})
