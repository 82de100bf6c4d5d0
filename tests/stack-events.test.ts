/**
 * Engine events for one project from a real engine: a container's start and stop are observed, other
 * projects' are not, and when the connection drops the watcher reconnects and keeps reporting. The drop is
 * real: the engine is reached through a TCP relay whose connections the test cuts.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, type Engine } from '../src-main/core/stack/engine.ts'
import { type StackEvent, watchEvents } from '../src-main/core/stack/stack-events.ts'
import type { StackPlan } from '../src-main/core/stack/stack-plan.ts'
import { up } from '../src-main/core/stack/stack-up.ts'
import {
  ENGINE_LABEL,
  fixturePlan,
  PODMAN,
  PODMAN_SOCKET,
  removeTestProject,
  uniqueProject,
} from './helpers/podman.ts'
import { ensureTestImage } from './helpers/test-images.ts'

// The tests skip when there is no engine; inside them it is there.
const engine = PODMAN.engine as Engine

/** Resolves once `condition` holds, polling every 50 ms; fails after 10 s saying what it waited for. */
async function until(what: () => string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function observed(events: StackEvent[], action: string): Promise<StackEvent | undefined> {
  await until(
    () => `a "${action}" event (saw: ${events.map((e) => e.action).join(', ')})`,
    () => events.some((e) => e.action === action),
  )
  return events.find((e) => e.action === action)
}

/** A TCP relay to the engine's unix socket; `cut()` drops every open connection. */
async function startRelay(): Promise<{ server: Server; port: number; cut(): void }> {
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = createConnection(PODMAN_SOCKET)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    server,
    port: typeof address === 'object' && address ? address.port : 0,
    cut: () => {
      for (const socket of sockets) socket.destroy()
    },
  }
}

describe.skipIf(!PODMAN.engine)(`stack events (${ENGINE_LABEL})`, () => {
  const project = uniqueProject('events')
  const otherProject = uniqueProject('quiet')
  let plan: StackPlan
  let otherPlan: StackPlan

  beforeAll(async () => {
    const env = { TEST_IMAGE: await ensureTestImage(engine) }
    plan = await fixturePlan('keeper.yml', project, env)
    otherPlan = await fixturePlan('keeper.yml', otherProject, env)
  })

  afterAll(async () => {
    await removeTestProject(engine, project)
    await removeTestProject(engine, otherProject)
  })

  it("observes the project's containers starting and stopping, and nothing of other projects", async () => {
    const controller = new AbortController()
    const events: StackEvent[] = []
    const watching = watchEvents(engine, project, (e) => events.push(e), controller.signal)
    await new Promise((resolve) => setTimeout(resolve, 300))

    await up(engine, otherPlan, { timeoutMs: 20_000 })
    await up(engine, plan, { timeoutMs: 20_000 })
    const started = await observed(events, 'start')
    expect(started).toMatchObject({ service: 'store', container: `${project}-store-1` })

    await engine.docker.getContainer(`${project}-store-1`).stop({ t: 0 })
    expect(await observed(events, 'die')).toMatchObject({ service: 'store' })
    expect(events.every((e) => e.container === `${project}-store-1`)).toBe(true)

    controller.abort()
    await watching
  })

  it('reconnects when the event stream drops and reports what happens next', async () => {
    const relay = await startRelay()
    try {
      const result = await connectEngine({ endpoint: `tcp://127.0.0.1:${relay.port}`, source: 'relay' })
      if (!('engine' in result)) throw new Error(result.failure)
      const controller = new AbortController()
      const events: StackEvent[] = []
      const connections: boolean[] = []
      const watching = watchEvents(result.engine, project, (e) => events.push(e), controller.signal, {
        minBackoffMs: 100,
        onConnection: (connected) => connections.push(connected),
      })
      await until(
        () => 'the first connection',
        () => connections.includes(true),
      )

      relay.cut()
      await until(
        () => 'a reconnection',
        () => connections.filter((c) => c).length >= 2,
      )
      expect(connections.slice(0, 3)).toEqual([true, false, true])

      await up(engine, plan, { timeoutMs: 20_000 })
      expect(await observed(events, 'start')).toMatchObject({ service: 'store' })
      controller.abort()
      await watching
    } finally {
      relay.cut()
      relay.server.close()
    }
  })
})
