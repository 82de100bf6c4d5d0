// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the ${…} in these strings is compose syntax under test
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MedallionError } from '../src-main/core/errors.ts'
import { type ComposeSource, planFromYaml, readComposeFile } from '../src-main/core/stack/compose-file.ts'
import { parseDurationMs } from '../src-main/core/stack/duration.ts'
import { parseEnvFile } from '../src-main/core/stack/env-file.ts'
import { interpolate } from '../src-main/core/stack/interpolate.ts'
import { splitShellWords } from '../src-main/core/stack/shell-words.ts'
import { CREDENTIALS_ID, SERVICE_CREDENTIALS } from '../src-main/core/stack/stack-credentials.ts'
import {
  LABEL_CONFIG_HASH,
  LABEL_CONTAINER_NUMBER,
  LABEL_ONEOFF,
  LABEL_PROJECT,
  LABEL_SERVICE,
  type ServicePlan,
  type StackPlan,
} from '../src-main/core/stack/stack-plan.ts'
import { CREDENTIALS_LABEL } from '../src-main/core/stack/volume-credentials.ts'

const COMPOSE_FILE = resolve('compose/docker-compose.yml')
const FIXTURES = resolve('tests/fixtures/compose')
const DEFAULT_SERVICES = ['mongo', 'minio', 'minio-init', 'mlflow', 'metabase']
const SPARK_SERVICES = ['spark-master', 'spark-worker']

/** The real compose file with only the given variables (no `.env`, no process.env): the defaults apply. */
function readStack(env: Record<string, string> = {}, profiles: string[] = []): Promise<StackPlan> {
  return readComposeFile(COMPOSE_FILE, { env, envFile: false, profiles })
}

function service(plan: StackPlan, name: string): ServicePlan {
  const found = plan.services.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`no service ${name} in ${plan.services.map((s) => s.name).join(', ')}`)
  return found
}

function names(plan: StackPlan): string[] {
  return plan.services.map((candidate) => candidate.name)
}

function plan(yaml: string, source: Partial<ComposeSource> = {}): StackPlan {
  return planFromYaml(yaml, { file: '/project/compose/docker-compose.yml', ...source })
}

/** The MedallionError a call throws, so tests can check its code and message. */
function errorOf(call: () => unknown): MedallionError {
  try {
    call()
  } catch (err) {
    if (err instanceof MedallionError) return err
    throw err
  }
  throw new Error('expected a MedallionError, nothing was thrown')
}

describe('the real compose file', () => {
  it('starts the default services, and Spark only with its profile (option or COMPOSE_PROFILES)', async () => {
    const base = await readStack()
    expect(names(base).sort()).toEqual([...DEFAULT_SERVICES].sort())
    expect(base.profiles).toEqual([])

    const withSpark = await readStack({}, ['spark'])
    expect(names(withSpark).sort()).toEqual([...DEFAULT_SERVICES, ...SPARK_SERVICES].sort())
    expect(withSpark.profiles).toEqual(['spark'])

    const fromVariable = await readStack({ COMPOSE_PROFILES: 'spark' })
    expect(names(fromVariable).sort()).toEqual(names(withSpark).sort())
  })

  it('orders every service after what it depends on', async () => {
    const stack = await readStack({}, ['spark'])
    const order = names(stack)
    for (const each of stack.services) {
      for (const dependency of each.dependsOn)
        expect(order.indexOf(dependency.service)).toBeLessThan(order.indexOf(each.name))
    }
    expect(order.indexOf('minio')).toBeLessThan(order.indexOf('minio-init'))
    expect(order.indexOf('mongo')).toBeLessThan(order.indexOf('metabase'))
    expect(order.indexOf('spark-master')).toBeLessThan(order.indexOf('spark-worker'))
    expect(service(stack, 'minio-init').dependsOn).toEqual([
      { service: 'minio', condition: 'service_healthy' },
    ])
    expect(service(stack, 'metabase').dependsOn).toEqual([{ service: 'mongo', condition: 'service_healthy' }])
  })

  it('publishes every port on 127.0.0.1 only, MLflow on 5001, and no host port twice (Spark included)', async () => {
    const stack = await readStack({}, ['spark'])
    expect(service(stack, 'mlflow').ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: 5001, containerPort: 5000, protocol: 'tcp' },
    ])
    expect(service(stack, 'mongo').ports[0]).toMatchObject({ hostPort: 27017, containerPort: 27017 })
    expect(service(stack, 'metabase').ports[0]).toMatchObject({ hostPort: 3000, containerPort: 3000 })
    expect(service(stack, 'minio').ports.map((port) => port.hostPort)).toEqual([9000, 9001])
    const ports = stack.services.flatMap((each) => each.ports)
    expect(ports.every((port) => port.hostIp === '127.0.0.1')).toBe(true)
    const hostPorts = ports.map((port) => port.hostPort)
    expect(new Set(hostPorts).size).toBe(hostPorts.length)
    expect(hostPorts).toEqual(expect.arrayContaining([7077, 8080, 8081]))
  })

  it('keeps data on named project volumes and puts every service on one network', async () => {
    const stack = await readStack({}, ['spark'])
    // The volumes of the credentialed services carry the id of the credentials they are created with.
    const credentialed = { labels: { [CREDENTIALS_LABEL]: '' } }
    expect(stack.volumes).toEqual(
      ['mongo_data', 'minio_data', 'mlflow_data', 'metabase_data'].map((key) => ({
        key,
        name: `medallion_${key}`,
        ...(key === 'mongo_data' || key === 'minio_data' ? credentialed : {}),
      })),
    )
    expect(service(stack, 'mongo').mounts).toEqual([
      { type: 'volume', source: 'medallion_mongo_data', target: '/data/db', readOnly: false },
    ])
    expect(service(stack, 'minio').mounts[0]).toMatchObject({
      source: 'medallion_minio_data',
      target: '/data',
    })
    expect(service(stack, 'mlflow').mounts[0]).toMatchObject({
      source: 'medallion_mlflow_data',
      target: '/mlflow',
    })
    expect(service(stack, 'metabase').mounts[0]).toMatchObject({ source: 'medallion_metabase_data' })
    expect(service(stack, 'metabase').environment.MB_DB_FILE).toMatch(/^\/metabase-data\//)
    expect(stack.networks).toEqual([{ key: 'default', name: 'medallion_default' }])
    expect(stack.services.every((each) => each.networks.join() === 'medallion_default')).toBe(true)
  })

  it('gives every long-running service a health check its image can run', async () => {
    const stack = await readStack({}, ['spark'])
    for (const each of stack.services.filter((candidate) => candidate.name !== 'minio-init')) {
      expect(each.healthcheck, each.name).toBeDefined()
      expect(each.healthcheck?.test[0], each.name).toMatch(/^CMD(-SHELL)?$/)
      expect(each.restart, each.name).toBe('unless-stopped')
    }
    expect(service(stack, 'minio').healthcheck?.test).toEqual(['CMD', 'mc', 'ready', 'local'])
    expect(service(stack, 'mongo').healthcheck?.test.slice(0, 2)).toEqual(['CMD', 'mongosh'])
    expect(service(stack, 'mlflow').healthcheck?.test.slice(0, 2)).toEqual(['CMD', 'python'])
    expect(service(stack, 'metabase').healthcheck?.startPeriodMs).toBeGreaterThan(120_000)
    expect(JSON.stringify(stack.services.map((each) => each.healthcheck))).not.toMatch(/curl[^"]*minio/)

    const init = service(stack, 'minio-init')
    expect(init.restart).toBe('no')
    expect(init.healthcheck).toBeUndefined()
  })

  it('runs pinned images with the commands the stack needs', async () => {
    const stack = await readStack({}, ['spark'])
    for (const each of stack.services) expect(each.image, each.name).toMatch(/:(?!latest$)[\w.-]+$/)
    expect(service(stack, 'minio').command).toEqual(['server', '/data', '--console-address', ':9001'])
    const mlflow = service(stack, 'mlflow').command ?? []
    expect(mlflow.slice(0, 2)).toEqual(['mlflow', 'server'])
    expect(mlflow[mlflow.indexOf('--allowed-hosts') + 1]).toContain('mlflow:5000')
    // `$$` in the file leaves `$` for the container's shell, which has the credentials in its environment.
    const script = service(stack, 'minio-init').entrypoint?.at(-1) ?? ''
    expect(script).toContain('"$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"')
    for (const bucket of ['sources', 'bronze', 'silver', 'gold'])
      expect(script).toContain(`medallion/${bucket}`)
    expect(service(stack, 'spark-worker').command).toContain('spark://spark-master:7077')
  })

  it('gives Spark the job files and the S3A jars fetched at install time, beside MinIO', async () => {
    const stack = await readStack({}, ['spark'])
    const master = service(stack, 'spark-master')
    const jars = {
      type: 'bind',
      source: resolve(homedir(), '.cache/medallion/spark-jars'),
      target: '/opt/medallion/jars',
      readOnly: true,
    }
    expect(master.mounts).toEqual([
      {
        type: 'bind',
        source: resolve('pipelines/spark'),
        target: '/opt/medallion/pipelines/spark',
        readOnly: true,
      },
      jars,
    ])
    expect(service(stack, 'spark-worker').mounts).toEqual([jars])
    expect(master.dependsOn).toEqual([{ service: 'minio', condition: 'service_healthy' }])
  })

  it('labels containers the way compose v2 does and names them <project>-<service>-1', async () => {
    const stack = await readStack()
    expect(stack.project).toBe('medallion')
    expect(stack.file).toBe(COMPOSE_FILE)
    const mongo = service(stack, 'mongo')
    expect(mongo.containerName).toBe('medallion-mongo-1')
    expect(mongo.labels).toEqual({
      [LABEL_PROJECT]: 'medallion',
      [LABEL_SERVICE]: 'mongo',
      [LABEL_CONTAINER_NUMBER]: '1',
      [LABEL_ONEOFF]: 'False',
      [LABEL_CONFIG_HASH]: mongo.configHash,
    })
    expect(mongo.configHash).toMatch(/^[0-9a-f]{64}$/)
    expect(new Set(stack.services.map((each) => each.configHash)).size).toBe(stack.services.length)
  })

  it('takes credentials and ports from the environment, changing only the affected hashes', async () => {
    const before = await readStack()
    expect(await readStack()).toEqual(before)

    const movedMlflow = await readStack({ MLFLOW_PORT: '5101' })
    expect(service(movedMlflow, 'mlflow').ports[0]?.hostPort).toBe(5101)
    const changed = (after: StackPlan) =>
      after.services
        .filter((each) => each.configHash !== service(before, each.name).configHash)
        .map((each) => each.name)
    expect(changed(movedMlflow)).toEqual(['mlflow'])
    expect(changed(await readStack({ MONGO_PORT: '27018' }))).toEqual(['mongo'])

    const newPassword = await readStack({ MINIO_ROOT_PASSWORD: 's3cret-password' })
    expect(service(newPassword, 'minio').environment.MINIO_ROOT_PASSWORD).toBe('s3cret-password')
    expect(changed(newPassword)).toEqual(['minio', 'minio-init'])
    // An empty variable falls back to the default, as `${VAR:-default}` says.
    expect(changed(await readStack({ MONGO_PORT: '' }))).toEqual([])
  })

  it('is documented variable by variable in .env.example, whose values are the defaults', async () => {
    const compose = await readFile(COMPOSE_FILE, 'utf8')
    const example = join(dirname(COMPOSE_FILE), '.env.example')
    const exampleText = await readFile(example, 'utf8')
    const documented = parseEnvFile(exampleText, example)
    const used = new Set([...compose.matchAll(/\$\{([A-Z_]+):-/g)].map((match) => match[1]))
    // The credentials are generated (stack.env): documented, but commented out so a copy keeps none.
    const credentials = [CREDENTIALS_ID, ...Object.values(SERVICE_CREDENTIALS).flat()]
    for (const name of credentials) expect(exampleText).toMatch(new RegExp(`^# ${name}=`, 'm'))
    expect(Object.keys(documented).sort()).toEqual(
      [...used].filter((name) => !credentials.includes(name as string)).sort(),
    )
    expect(await readComposeFile(COMPOSE_FILE, { env: {}, envFile: example })).toEqual(await readStack())
  })
})

describe('reading a compose file with its .env', () => {
  const file = join(FIXTURES, 'with-env/docker-compose.yml')

  it('uses the .env beside the file, quotes and comments included, with the environment winning', async () => {
    const fromFile = service(await readComposeFile(file, { env: {} }), 'web')
    expect(fromFile.ports[0]?.hostPort).toBe(8181)
    expect(fromFile.environment).toEqual({ GREETING: 'hello from .env', FROM_ENV_FILE: 'file-value' })

    const overridden = service(
      await readComposeFile(file, { env: { WEB_PORT: '9191', GREETING: 'hi' } }),
      'web',
    )
    expect(overridden.ports[0]?.hostPort).toBe(9191)
    expect(overridden.environment.GREETING).toBe('hi')
    expect(overridden.environment.FROM_ENV_FILE).toBe('file-value')
  })

  it('reads no env file with envFile: false, and the named one otherwise', async () => {
    const withoutFile = await readComposeFile(file, { env: {}, envFile: false })
    expect(service(withoutFile, 'web').ports[0]?.hostPort).toBe(8080)
    expect(service(withoutFile, 'web').environment).toEqual({ GREETING: '', FROM_ENV_FILE: 'unset' })
    expect(withoutFile.project).toBe('envtest')

    const dir = await mkdtemp(join(tmpdir(), 'medallion-env-'))
    try {
      const other = join(dir, 'other.env')
      await writeFile(other, 'WEB_PORT=7171\nCOMPOSE_PROJECT_NAME=from-env-file\n')
      const named = await readComposeFile(file, { env: {}, envFile: other })
      expect(service(named, 'web').ports[0]?.hostPort).toBe(7171)
      expect(named.project).toBe('from-env-file')
      expect(named.services[0]?.containerName).toBe('from-env-file-web-1')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('resolves relative host paths against the compose file, not the working directory', async () => {
    const web = service(await readComposeFile(file, { env: {} }), 'web')
    expect(web.mounts).toEqual([
      {
        type: 'bind',
        source: join(FIXTURES, 'with-env/site'),
        target: '/usr/share/nginx/html',
        readOnly: true,
      },
    ])
  })

  it('says which file is missing', async () => {
    await expect(readComposeFile(join(FIXTURES, 'nope.yml'))).rejects.toMatchObject({
      code: 'compose_not_found',
      message: expect.stringContaining('nope.yml'),
    })
    await expect(readComposeFile(file, { envFile: join(FIXTURES, 'missing.env') })).rejects.toMatchObject({
      code: 'compose_not_found',
      message: expect.stringContaining('missing.env'),
    })
  })
})

describe('interpolation', () => {
  const vars: Record<string, string> = { SET: 'value', EMPTY: '', FALLBACK: 'fallback' }
  const lookup = (name: string) => vars[name]

  it('substitutes ${VAR}, $VAR and the default, alternative and nested forms', () => {
    expect(interpolate('${SET}/$SET/${UNSET}/$UNSET.', lookup)).toBe('value/value//.')
    expect(interpolate('${UNSET:-d} ${EMPTY:-d} ${SET:-d}', lookup)).toBe('d d value')
    expect(interpolate('${UNSET-d} [${EMPTY-d}] ${SET-d}', lookup)).toBe('d [] value')
    expect(interpolate('[${SET:+alt}] [${EMPTY:+alt}] [${EMPTY+alt}] [${UNSET+alt}]', lookup)).toBe(
      '[alt] [] [alt] []',
    )
    expect(interpolate('${UNSET:-${EMPTY:-${FALLBACK}}}', lookup)).toBe('fallback')
    expect(interpolate('${UNSET:-a:b-c}', lookup)).toBe('a:b-c')
  })

  it('keeps $$ as one literal $ and a $ that starts no variable as is', () => {
    expect(interpolate('$$SET $${SET} cost $5 50% $', lookup)).toBe('$SET ${SET} cost $5 50% $')
  })

  it('fails on a required variable, naming the variable, the file, the service and the field', () => {
    const error = errorOf(() =>
      plan(
        'services:\n  db:\n    image: postgres:17.2\n    environment:\n      PASSWORD: ${DB_PASSWORD:?set it in .env}\n',
      ),
    )
    expect(error.code).toBe('compose_variable')
    expect(error.message).toBe(
      '/project/compose/docker-compose.yml, service "db", environment.PASSWORD: required variable DB_PASSWORD is missing a value: set it in .env',
    )
    expect(errorOf(() => plan('services:\n  db:\n    image: ${IMAGE?}\n', { env: {} })).message).toContain(
      'required variable IMAGE is missing a value',
    )
    // `?` without a colon accepts an empty value; `:?` does not.
    expect(plan('services:\n  db:\n    image: x${TAG?}\n', { env: { TAG: '' } }).services[0]?.image).toBe('x')
    expect(
      errorOf(() => plan('services:\n  db:\n    image: x${TAG:?}\n', { env: { TAG: '' } })).message,
    ).toContain('unset or empty')
  })

  it('rejects a malformed ${…}', () => {
    const error = errorOf(() => plan('services:\n  db:\n    image: "${TAG"\n'))
    expect(error.code).toBe('compose_variable')
    expect(error.message).toContain('service "db", image')
    expect(errorOf(() => plan('services:\n  db:\n    image: "${1TAG}"\n')).message).toContain(
      'not a valid variable',
    )
  })
})

describe('.env files', () => {
  it('reads KEY=VALUE lines with comments, export, quotes, escapes and interpolation', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value  # trailing comment',
      'export EXPORTED=yes',
      "SINGLE='kept ${PLAIN} # literally'",
      'DOUBLE="line one\\nline \\"two\\""',
      'MULTI="first',
      'second"',
      'HASH=a#b',
      'SPACED = spaced out ',
      'EMPTY=',
      'FROM_LINE_ABOVE=${PLAIN}-${FROM_ENV:-none}',
      'FROM_ENVIRONMENT=${HOME_DIR}',
    ].join('\r\n')
    expect(parseEnvFile(text, '/x/.env', (name) => (name === 'HOME_DIR' ? '/home/me' : undefined))).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SINGLE: 'kept ${PLAIN} # literally',
      DOUBLE: 'line one\nline "two"',
      MULTI: 'first\nsecond',
      HASH: 'a#b',
      SPACED: 'spaced out',
      EMPTY: '',
      FROM_LINE_ABOVE: 'value-none',
      FROM_ENVIRONMENT: '/home/me',
    })
  })

  it('names the file and line of a malformed entry', () => {
    expect(() => parseEnvFile('OK=1\nnot an assignment\n', '/x/.env')).toThrow(
      '/x/.env line 2: expected KEY=VALUE',
    )
    expect(() => parseEnvFile('A=1\nB="open\n', '/x/.env')).toThrow(
      '/x/.env line 2: the quoted value of B is never closed',
    )
    expect(() => parseEnvFile('A="x" y\n', '/x/.env')).toThrow('unexpected "y"')
  })
})

describe('services', () => {
  const syntax = async () =>
    readComposeFile(join(FIXTURES, 'all-syntax.yml'), { env: { PASSED_THROUGH: 'through' } })

  it('reads every syntax of the fixture: anchors, merge keys, short and long forms, x- fields', async () => {
    const stack = await syntax()
    expect(stack.project).toBe('syntax')
    expect(names(stack)).toEqual(['api', 'worker', 'job'])
    const api = service(stack, 'api')
    expect(api.containerName).toBe('custom-api')
    expect(api.restart).toBe('unless-stopped')
    expect(api.labels.team).toBe('data')
    expect(api.command).toEqual(['python', '-m', 'my app', '--flag=quoted value', 'plain space'])
    expect(api.entrypoint).toEqual(['/bin/sh', '-c'])
    expect(api.environment).toEqual({ MODE: 'prod', EMPTY: '', PASSED_THROUGH: 'through' })
    expect(api.ports).toEqual([
      { hostIp: '0.0.0.0', hostPort: 0, containerPort: 9000, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 0, containerPort: 9001, protocol: 'tcp' },
      { hostIp: '0.0.0.0', hostPort: 8000, containerPort: 7000, protocol: 'tcp' },
      { hostIp: '0.0.0.0', hostPort: 8001, containerPort: 7001, protocol: 'tcp' },
      { hostIp: '0.0.0.0', hostPort: 5353, containerPort: 53, protocol: 'udp' },
      { hostIp: '::1', hostPort: 6000, containerPort: 6000, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 9443, containerPort: 8443, protocol: 'tcp' },
    ])
    expect(api.mounts).toEqual([
      { type: 'volume', source: 'syntax_data', target: '/var/lib/data', readOnly: false },
      { type: 'bind', source: join(FIXTURES, 'config'), target: '/etc/app', readOnly: true },
      { type: 'bind', source: '/srv/shared', target: '/shared', readOnly: false },
      { type: 'bind', source: join(dirname(FIXTURES), 'logs'), target: '/logs', readOnly: true },
      { type: 'volume', source: 'app-cache', target: '/cache', readOnly: false },
    ])
    expect(api.networks).toEqual(['syntax_front', 'shared-back'])
    expect(api.healthcheck).toEqual({
      test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
      intervalMs: 90_000,
      timeoutMs: 500,
      retries: 4,
      startPeriodMs: 120_000,
    })
    expect(stack.volumes).toEqual([
      { key: 'data', name: 'syntax_data' },
      { key: 'cache', name: 'app-cache' },
    ])
    // `job` names no network, so it joins the project's default one.
    expect(service(stack, 'job').networks).toEqual(['syntax_default'])
    expect(stack.networks).toEqual([
      { key: 'default', name: 'syntax_default' },
      { key: 'front', name: 'syntax_front' },
      { key: 'back', name: 'shared-back' },
    ])
  })

  it('reads list labels, disabled checks, optional dependencies and list depends_on', async () => {
    const stack = await syntax()
    const worker = service(stack, 'worker')
    expect(worker.labels).toMatchObject({ role: 'worker', flag: '' })
    expect(worker.restart).toBe('no')
    expect(worker.networks).toEqual(['shared-back'])
    expect(worker.healthcheck).toMatchObject({ test: ['NONE'] })
    expect(worker.dependsOn).toEqual([{ service: 'api', condition: 'service_healthy' }])
    const job = service(stack, 'job')
    expect(job.entrypoint).toEqual(['run-once'])
    expect(job.dependsOn).toEqual([{ service: 'worker', condition: 'service_started' }])
    expect(job.healthcheck).toEqual({
      test: ['CMD', 'true'],
      intervalMs: 30_000,
      timeoutMs: 30_000,
      retries: 3,
      startPeriodMs: 0,
    })
  })

  it('keeps file order when nothing depends on anything, and orders dependencies first otherwise', () => {
    const independent = plan('services:\n  c: {image: x:1}\n  a: {image: x:1}\n  b: {image: x:1}\n')
    expect(names(independent)).toEqual(['c', 'a', 'b'])
    const dependent = plan(
      'services:\n  web: {image: x:1, depends_on: [api, db]}\n  api: {image: x:1, depends_on: [db]}\n  db: {image: x:1}\n  cache: {image: x:1}\n',
    )
    expect(names(dependent)).toEqual(['db', 'api', 'web', 'cache'])
  })

  it('rejects a dependency cycle, showing it', async () => {
    const error = await readComposeFile(join(FIXTURES, 'cycle.yml'), { env: {} }).catch((err) => err)
    expect(error).toBeInstanceOf(MedallionError)
    expect(error.code).toBe('compose_dependency')
    expect(error.message).toContain('cycle: a → b → c → a')
    expect(errorOf(() => plan('services:\n  a: {image: x:1, depends_on: [a]}\n')).message).toContain('a → a')
  })

  it('rejects a dependency on an unknown service or one its profile disables', () => {
    const unknown = errorOf(() => plan('services:\n  web:\n    image: x:1\n    depends_on: [db]\n'))
    expect(unknown.code).toBe('compose_dependency')
    expect(unknown.message).toBe(
      '/project/compose/docker-compose.yml, service "web", depends_on.db: depends on service "db", which the file does not define',
    )
    const yaml =
      'services:\n  web:\n    image: x:1\n    depends_on: [spark]\n  spark:\n    image: x:1\n    profiles: [spark]\n'
    expect(errorOf(() => plan(yaml)).message).toContain('only enabled with the profile "spark"')
    expect(names(plan(yaml, { profiles: ['spark'] }))).toEqual(['spark', 'web'])
    expect(names(plan(yaml, { env: { COMPOSE_PROFILES: '*' } }))).toEqual(['spark', 'web'])
  })

  it('rejects keys the orchestrator would not act on, naming the key and the service', () => {
    const build = errorOf(() => plan('services:\n  app:\n    build: .\n    image: x:1\n'))
    expect(build.code).toBe('compose_unsupported')
    expect(build.message).toContain('service "app": "build" is not supported by Medallion\'s orchestrator')
    expect(
      errorOf(() => plan('services:\n  app:\n    image: x:1\n    deploy: {replicas: 2}\n')).message,
    ).toContain('"deploy" is not supported')
    expect(errorOf(() => plan('secrets: {}\nservices:\n  app: {image: x:1}\n')).message).toContain(
      '"secrets"',
    )
    expect(
      errorOf(() => plan('services:\n  app: {image: x:1}\nvolumes:\n  v: {external: true}\n')).message,
    ).toContain('volumes.v: "external" is not supported')
    expect(
      errorOf(() => plan('services:\n  app:\n    image: x:1\n    networks:\n      default: {aliases: [a]}\n'))
        .message,
    ).toContain('networks.default: "aliases" is not supported')
    expect(errorOf(() => plan('services:\n  app:\n    image: x:1\n    restart: on-failure:3\n')).code).toBe(
      'compose_unsupported',
    )
    expect(errorOf(() => plan('services:\n  app:\n    command: run\n')).message).toContain(
      '"image" is missing',
    )
    expect(names(plan('x-top: 1\nversion: "3.9"\nservices:\n  app: {image: x:1, x-mine: {a: 1}}\n'))).toEqual(
      ['app'],
    )
  })

  it('rejects a bad port, naming the service and the value', () => {
    for (const bad of ['abc:27017', '70000:80', '1-3:1-2', '1.2.3.4:5:6:7', '']) {
      const error = errorOf(() =>
        plan(`services:\n  mongo:\n    image: mongo:7.0.16\n    ports: ["${bad}"]\n`),
      )
      expect(error.code).toBe('compose_invalid')
      expect(error.message).toBe(
        `/project/compose/docker-compose.yml, service "mongo", ports[0]: "${bad}" is not a valid port (expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. "127.0.0.1:9000:9000")`,
      )
    }
    expect(errorOf(() => plan('services:\n  a:\n    image: x:1\n    ports: ["80/sctp"]\n')).code).toBe(
      'compose_unsupported',
    )
  })

  it('rejects two services publishing the same host port, the original stack 8081 clash', () => {
    const yaml =
      'services:\n  spark-worker:\n    image: x:1\n    ports: ["8081:8081"]\n  mongo-express:\n    image: x:1\n    ports: ["127.0.0.1:8081:8081"]\n'
    const error = errorOf(() => plan(yaml))
    expect(error.message).toContain(
      'service "mongo-express", ports: host port 8081/tcp is already published by service "spark-worker"',
    )
    expect(names(plan(yaml.replace('"127.0.0.1:8081:8081"', '"127.0.0.1:8082:8081"')))).toHaveLength(2)
  })

  it('rejects undeclared volumes and networks, bad durations and bad health tests', () => {
    const base = 'services:\n  a:\n    image: x:1\n'
    expect(errorOf(() => plan(`${base}    volumes: ["data:/data"]\n`)).message).toContain(
      'volumes[0]: volume "data" is not declared under the top-level volumes',
    )
    expect(errorOf(() => plan(`${base}    volumes: ["/data"]\n`)).code).toBe('compose_unsupported')
    expect(errorOf(() => plan(`${base}    networks: [back]\n`)).message).toContain(
      'network "back" is not declared',
    )
    expect(errorOf(() => plan(`${base}    healthcheck: {test: x, interval: 10}\n`)).message).toContain(
      'healthcheck.interval: expected a duration such as 10s, 1m30s or 500ms, found 10',
    )
    expect(errorOf(() => plan(`${base}    healthcheck: {test: [curl, x]}\n`)).message).toContain(
      'healthcheck.test',
    )
    expect(errorOf(() => plan(`${base}    labels: {com.docker.compose.project: other}\n`)).message).toContain(
      'reserved',
    )
    expect(errorOf(() => plan(`${base}    command: "echo 'open"\n`)).message).toContain('never closed')
  })

  it('reports YAML syntax errors with the file and line', () => {
    const error = errorOf(() => plan('services:\n  a:\n    image: x:1\n  a:\n    image: y:1\n'))
    expect(error.code).toBe('compose_syntax')
    expect(error.message).toMatch(/^\/project\/compose\/docker-compose.yml: .*line 4/)
  })

  it('names the project from the option, COMPOSE_PROJECT_NAME, the file, or medallion', () => {
    const yaml = 'name: from-file\nservices:\n  a: {image: x:1}\n'
    expect(plan(yaml, { project: 'option', env: { COMPOSE_PROJECT_NAME: 'variable' } }).project).toBe(
      'option',
    )
    expect(plan(yaml, { env: { COMPOSE_PROJECT_NAME: 'variable' } }).project).toBe('variable')
    expect(plan(yaml).project).toBe('from-file')
    const unnamed = plan('services:\n  a: {image: x:1}\n')
    expect(unnamed.project).toBe('medallion')
    expect(unnamed.services[0]?.containerName).toBe('medallion-a-1')
    expect(unnamed.networks).toEqual([{ key: 'default', name: 'medallion_default' }])
    expect(errorOf(() => plan(yaml, { project: 'Bad Name' })).message).toContain('project name "Bad Name"')
  })
})

describe('small parsers', () => {
  it('reads compose durations', () => {
    expect(parseDurationMs('10s')).toBe(10_000)
    expect(parseDurationMs('1m30s')).toBe(90_000)
    expect(parseDurationMs('500ms')).toBe(500)
    expect(parseDurationMs('1.5h')).toBe(5_400_000)
    expect(parseDurationMs('0')).toBe(0)
    for (const bad of ['', '10', '10x', 's', '-1s', '1m 30s'])
      expect(parseDurationMs(bad), bad).toBeUndefined()
  })

  it('splits command strings like a shell, without expanding anything', () => {
    expect(splitShellWords(`a  "b c" 'd "e"' f\\ g "h\\"i" $HOME ''`)).toEqual([
      'a',
      'b c',
      'd "e"',
      'f g',
      'h"i',
      '$HOME',
      '',
    ])
    expect(() => splitShellWords('say "hi')).toThrow('never closed')
  })
})

describe('the default .env', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'medallion-compose-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('ignores a missing default .env and reads one written beside the file', async () => {
    const file = join(dir, 'docker-compose.yml')
    await writeFile(file, 'services:\n  a:\n    image: "busybox:${TAG:-1.37.0}"\n')
    expect((await readComposeFile(file, { env: {} })).services[0]?.image).toBe('busybox:1.37.0')
    await writeFile(join(dir, '.env'), 'TAG=1.36.1\n')
    expect((await readComposeFile(file, { env: {} })).services[0]?.image).toBe('busybox:1.36.1')
    expect((await readComposeFile(file, { env: { TAG: '1.35.0' } })).services[0]?.image).toBe(
      'busybox:1.35.0',
    )
  })
})
