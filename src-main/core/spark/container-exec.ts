/**
 * Runs a command in a running container through the engine's exec API, feeding it `stdin` (then closing
 * it) and handing each line of its output to `onLine`; settles with its exit code.
 */
import { once } from 'node:events'
import { setTimeout as delay } from 'node:timers/promises'
import type Dockerode from 'dockerode'
import { LogDecoder } from '../stack/log-decoder.ts'

export interface ExecOptions {
  stdin?: string
  env?: string[]
  onLine?: (line: string) => void
}

const INSPECT_POLL_MS = 100

export async function execInContainer(
  container: Dockerode.Container,
  command: string[],
  options: ExecOptions = {},
): Promise<number> {
  const exec = await container.exec({
    Cmd: command,
    Env: options.env,
    AttachStdin: options.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  })
  const stream = (await exec.start({
    hijack: true,
    stdin: options.stdin !== undefined,
  })) as NodeJS.ReadWriteStream
  const decoder = new LogDecoder({ tty: false, timestamps: false })
  const deliver = (lines: { text: string }[]) => {
    for (const line of lines) options.onLine?.(line.text)
  }
  stream.on('data', (chunk: Buffer) => deliver(decoder.push(chunk)))
  const ended = Promise.race([once(stream, 'end'), once(stream, 'close')])
  if (options.stdin !== undefined) {
    stream.write(options.stdin)
    // Half-close: the command reads end-of-file while its output still flows back.
    stream.end()
  }
  await ended
  deliver(decoder.end())
  // The engine may report the exec as running for a moment after its output ended.
  for (;;) {
    const state = await exec.inspect()
    if (!state.Running) return state.ExitCode ?? -1
    await delay(INSPECT_POLL_MS)
  }
}
