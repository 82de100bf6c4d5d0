/**
 * Reads a compose file into the StackPlan the orchestrator acts on: variables interpolated (from the
 * environment, then the `.env` beside the file), services filtered by profile and put in dependency order,
 * names made project-scoped, labels and config hashes added. Keys Medallion's orchestrator would not act on
 * are errors rather than silently dropped; `x-*` extensions, YAML anchors and `<<` merge keys are fine.
 */
import { access, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseDocument } from 'yaml'
import { MedallionError } from '../errors.ts'
import { atField, type ComposeAt, composeError } from './compose-error.ts'
import {
  checkKeys,
  expectBoolean,
  expectMap,
  expectString,
  keyValues,
  textList,
  type YamlMap,
} from './compose-shape.ts'
import { configHash } from './config-hash.ts'
import { orderByDependencies } from './dependency-order.ts'
import { parseEnvFile } from './env-file.ts'
import { interpolateComposeTree, type VariableLookup } from './interpolate.ts'
import { parseHealthcheck } from './service-healthcheck.ts'
import { parseMounts } from './service-mounts.ts'
import { checkHostPortConflicts, parsePorts } from './service-ports.ts'
import { ShellQuoteError, splitShellWords } from './shell-words.ts'
import {
  type DependencyCondition,
  LABEL_CONFIG_HASH,
  LABEL_CONTAINER_NUMBER,
  LABEL_ONEOFF,
  LABEL_PROJECT,
  LABEL_SERVICE,
  type ServicePlan,
  type StackPlan,
} from './stack-plan.ts'

export interface ReadComposeOptions {
  /** Compose project name; else COMPOSE_PROJECT_NAME, else the file's top-level `name:`, else `medallion`. */
  project?: string
  /** Profiles to enable, on top of those in COMPOSE_PROFILES (comma-separated; `*` enables all). */
  profiles?: string[]
  /** Variables for interpolation; default process.env. They win over the env file's. */
  env?: Record<string, string | undefined>
  /** Default: `.env` beside the compose file when it exists; a path must exist; false reads none. */
  envFile?: string | false
  /**
   * Variables ranking below the env file and the environment: the stack's generated credentials
   * (stack-credentials.ts), which a value the user set in `.env` or the environment overrides.
   */
  defaults?: Record<string, string>
}

/** The compose file's text and what `readComposeFile` would resolve around it. */
export interface ComposeSource {
  /** Absolute path of the file: named in errors, and the base of relative host paths. */
  file: string
  project?: string
  profiles?: string[]
  /** Every variable for interpolation, env file included (no process.env fallback here). */
  env?: Record<string, string | undefined>
}

const DEFAULT_PROJECT = 'medallion'
const TOP_LEVEL_KEYS = ['name', 'services', 'networks', 'volumes', 'version']
const SERVICE_KEYS = [
  'image',
  'command',
  'entrypoint',
  'environment',
  'ports',
  'volumes',
  'networks',
  'depends_on',
  'healthcheck',
  'restart',
  'labels',
  'container_name',
  'profiles',
]
const RESTART_POLICIES: readonly ServicePlan['restart'][] = ['no', 'always', 'unless-stopped', 'on-failure']
const DEPENDENCY_CONDITIONS: readonly DependencyCondition[] = [
  'service_started',
  'service_healthy',
  'service_completed_successfully',
]
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/
const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/
const RESERVED_LABEL_PREFIX = 'com.docker.compose.'

export async function readComposeFile(file: string, options: ReadComposeOptions = {}): Promise<StackPlan> {
  const path = resolve(file)
  const text = await readExisting(path, 'compose file')
  const env = options.env ?? process.env
  const fromEnvFile = await readEnvFileFor(path, options.envFile, env)
  const definedEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined))
  return planFromYaml(text, {
    file: path,
    project: options.project,
    profiles: options.profiles,
    env: { ...options.defaults, ...fromEnvFile, ...definedEnv },
  })
}

async function readEnvFileFor(
  composePath: string,
  envFile: string | false | undefined,
  env: Record<string, string | undefined>,
): Promise<Record<string, string>> {
  if (envFile === false) return {}
  const path = envFile === undefined ? join(dirname(composePath), '.env') : resolve(envFile)
  if (envFile === undefined && !(await exists(path))) return {}
  return parseEnvFile(await readExisting(path, 'env file'), path, (name) => env[name])
}

async function readExisting(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new MedallionError('compose_not_found', `The ${what} ${path} does not exist`)
    }
    throw err
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/** What a service's definition says, before the services are checked against each other. */
interface ParsedService {
  plan: ServicePlan
  /** Dependencies marked `required: false`: dropped when the service is absent or disabled. */
  optionalDependencies: Set<string>
}

interface ProjectContext {
  file: string
  project: string
  lookup: VariableLookup
  networks: Map<string, string>
  volumes: Map<string, string>
  /** Labels a declared volume is created with (its `labels:`), by engine name. */
  volumeLabels: Map<string, Record<string, string>>
}

export function planFromYaml(text: string, source: ComposeSource): StackPlan {
  const { file } = source
  const vars = source.env ?? {}
  const lookup: VariableLookup = (name) => vars[name]
  const root = expectMap(interpolateComposeTree(parseYaml(text, file), lookup, { file }), { file })
  checkKeys(root, TOP_LEVEL_KEYS, { file })

  const project = projectName(
    source.project || vars.COMPOSE_PROJECT_NAME || root.name || DEFAULT_PROJECT,
    file,
  )
  const profiles = enabledProfiles(source.profiles ?? [], vars.COMPOSE_PROFILES)
  const declaredNetworks = declaredResources(root.networks, 'networks', 'bridge', project, file)
  const declaredVolumes = declaredResources(root.volumes, 'volumes', 'local', project, file)
  const context: ProjectContext = {
    file,
    project,
    lookup,
    // Every project has a `default` network, used by services that name none, unless the file redefines it.
    networks: new Map([
      ...(declaredNetworks.has('default') ? [] : ([['default', `${project}_default`]] as const)),
      ...[...declaredNetworks].map(([key, { name }]) => [key, name] as const),
    ]),
    volumes: new Map([...declaredVolumes].map(([key, { name }]) => [key, name])),
    volumeLabels: new Map([...declaredVolumes.values()].map(({ name, labels }) => [name, labels])),
  }

  const servicesAt = { file, field: 'services' }
  const parsed = Object.entries(expectMap(root.services, servicesAt)).map(([name, definition]) =>
    parseService(name, definition, context),
  )
  if (parsed.length === 0) throw composeError('compose_invalid', servicesAt, 'the file defines no services')
  const active = parsed.filter(({ plan }) => isEnabled(plan.profiles, profiles))
  const services = orderByDependencies(resolveDependencies(active, parsed, file), { file })
  checkHostPortConflicts(services, file)

  const usedNetworks = new Set(services.flatMap((service) => service.networks))
  const usedVolumes = new Set(
    services.flatMap((service) =>
      service.mounts.filter((mount) => mount.type === 'volume').map((mount) => mount.source),
    ),
  )
  return {
    project,
    file,
    services,
    networks: [...context.networks]
      .filter(([, name]) => usedNetworks.has(name))
      .map(([key, name]) => ({ key, name })),
    volumes: [...context.volumes]
      .filter(([, name]) => usedVolumes.has(name))
      .map(([key, name]) => {
        const labels = context.volumeLabels.get(name) ?? {}
        return Object.keys(labels).length > 0 ? { key, name, labels } : { key, name }
      }),
    profiles,
  }
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { merge: true, prettyErrors: true })
  const [error] = document.errors
  if (error)
    throw new MedallionError('compose_syntax', `${file}: ${error.message.split('\n')[0]?.replace(/:$/, '')}`)
  try {
    return document.toJS({ maxAliasCount: 1000 })
  } catch (err) {
    throw new MedallionError('compose_syntax', `${file}: ${(err as Error).message}`)
  }
}

function projectName(value: unknown, file: string): string {
  const name = expectString(value, { file, field: 'name' })
  if (!PROJECT_NAME.test(name)) {
    throw composeError(
      'compose_invalid',
      { file, field: 'name' },
      `project name "${name}" must hold only lowercase letters, digits, dashes and underscores, and start with a letter or digit`,
    )
  }
  return name
}

function enabledProfiles(requested: readonly string[], fromEnv: string | undefined): string[] {
  const fromVariable = (fromEnv ?? '').split(',').map((profile) => profile.trim())
  return [...new Set([...requested, ...fromVariable])].filter((profile) => profile !== '')
}

function isEnabled(serviceProfiles: readonly string[], enabled: readonly string[]): boolean {
  return (
    serviceProfiles.length === 0 ||
    enabled.includes('*') ||
    serviceProfiles.some((profile) => enabled.includes(profile))
  )
}

/**
 * Top-level `networks` or `volumes`: key → full engine name (`<project>_<key>`, or the entry's `name:`) and
 * the labels it is created with.
 */
function declaredResources(
  value: unknown,
  section: 'networks' | 'volumes',
  onlyDriver: string,
  project: string,
  file: string,
): Map<string, { name: string; labels: Record<string, string> }> {
  const names = new Map<string, { name: string; labels: Record<string, string> }>()
  if (value === undefined || value === null) return names
  const sectionAt = { file, field: section }
  for (const [key, declaration] of Object.entries(expectMap(value, sectionAt))) {
    const at = atField(sectionAt, key)
    const settings = declaration === null ? {} : expectMap(declaration, at)
    // Volume labels are how the stack's credentials mark the volumes they were created with.
    checkKeys(settings, section === 'volumes' ? ['name', 'driver', 'labels'] : ['name', 'driver'], at)
    if (
      settings.driver !== undefined &&
      expectString(settings.driver, atField(at, 'driver')) !== onlyDriver
    ) {
      throw composeError(
        'compose_unsupported',
        atField(at, 'driver'),
        `driver "${settings.driver}" is not supported by Medallion's orchestrator (${onlyDriver} only)`,
      )
    }
    const labels =
      settings.labels === undefined || settings.labels === null
        ? {}
        : ownLabelsOf(settings.labels, atField(at, 'labels'))
    names.set(key, {
      name:
        settings.name === undefined ? `${project}_${key}` : expectString(settings.name, atField(at, 'name')),
      labels,
    })
  }
  return names
}

function parseService(name: string, definition: unknown, context: ProjectContext): ParsedService {
  const { file, project } = context
  const at: ComposeAt = { file, service: name }
  if (!SERVICE_NAME.test(name)) {
    throw composeError(
      'compose_invalid',
      at,
      'a service name holds only letters, digits, dots, dashes and underscores',
    )
  }
  const service = expectMap(definition, at)
  checkKeys(service, SERVICE_KEYS, at)
  const field = (key: string) => atField(at, key)
  const given = (key: string) => service[key] !== undefined && service[key] !== null

  if (!given('image')) {
    throw composeError(
      'compose_invalid',
      at,
      '"image" is missing: Medallion\'s orchestrator runs images, it does not build them',
    )
  }
  const image = expectString(service.image, field('image'))
  const containerName = given('container_name')
    ? containerNameOf(service.container_name, field('container_name'))
    : `${project}-${name}-1`
  const command = commandLine(service.command, field('command'))
  const entrypoint = commandLine(service.entrypoint, field('entrypoint'))
  const environment = given('environment')
    ? keyValues(service.environment, field('environment'), context.lookup)
    : {}
  const ports = given('ports') ? parsePorts(service.ports, field('ports')) : []
  const mounts = given('volumes')
    ? parseMounts(service.volumes, field('volumes'), {
        baseDir: dirname(file),
        volumeName: (key) => context.volumes.get(key),
      })
    : []
  const networks = serviceNetworks(service.networks, field('networks'), context.networks)
  const { dependsOn, optionalDependencies } = dependencies(service.depends_on, field('depends_on'))
  const healthcheck = parseHealthcheck(service.healthcheck, field('healthcheck'))
  const restart = restartPolicy(service.restart, field('restart'))
  const ownLabels = given('labels') ? ownLabelsOf(service.labels, field('labels')) : {}
  const profiles = given('profiles') ? textList(service.profiles, field('profiles')) : []

  const hash = configHash({
    image,
    containerName,
    command,
    entrypoint,
    environment,
    ports,
    mounts,
    networks,
    healthcheck,
    restart,
    labels: ownLabels,
  })
  const labels = {
    ...ownLabels,
    [LABEL_PROJECT]: project,
    [LABEL_SERVICE]: name,
    [LABEL_CONTAINER_NUMBER]: '1',
    [LABEL_ONEOFF]: 'False',
    [LABEL_CONFIG_HASH]: hash,
  }
  const plan: ServicePlan = {
    name,
    containerName,
    image,
    command,
    entrypoint,
    environment,
    ports,
    mounts,
    networks,
    dependsOn,
    healthcheck,
    restart,
    labels,
    configHash: hash,
    profiles,
  }
  return { plan, optionalDependencies }
}

function containerNameOf(value: unknown, at: ComposeAt): string {
  const name = expectString(value, at)
  if (!CONTAINER_NAME.test(name)) {
    throw composeError(
      'compose_invalid',
      at,
      `"${name}" is not a valid container name (letters, digits, _ . -)`,
    )
  }
  return name
}

/** `command` / `entrypoint`: a string split like a shell would, or a list taken as is. */
function commandLine(value: unknown, at: ComposeAt): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') return textList(value, at)
  try {
    return splitShellWords(value)
  } catch (err) {
    if (err instanceof ShellQuoteError)
      throw composeError('compose_invalid', at, `${err.message} in "${value}"`)
    throw err
  }
}

/** Full engine names of the networks a service joins: a list or a mapping of keys, `default` when none. */
function serviceNetworks(value: unknown, at: ComposeAt, declared: Map<string, string>): string[] {
  let keys: string[]
  if (value === undefined || value === null) keys = ['default']
  else if (Array.isArray(value)) keys = textList(value, at)
  else {
    const map = expectMap(value, at)
    keys = Object.keys(map)
    // Per-network settings (aliases, fixed addresses) are not acted on: only an empty entry is accepted.
    for (const key of keys)
      checkKeys(map[key] === null ? {} : expectMap(map[key], atField(at, key)), [], atField(at, key))
  }
  return keys.map((key, index) => {
    const name = declared.get(key)
    if (name === undefined) {
      throw composeError(
        'compose_invalid',
        atField(at, index),
        `network "${key}" is not declared under the top-level networks`,
      )
    }
    return name
  })
}

function dependencies(
  value: unknown,
  at: ComposeAt,
): { dependsOn: ServicePlan['dependsOn']; optionalDependencies: Set<string> } {
  const optionalDependencies = new Set<string>()
  if (value === undefined || value === null) return { dependsOn: [], optionalDependencies }
  if (Array.isArray(value)) {
    return {
      dependsOn: textList(value, at).map((service) => ({ service, condition: 'service_started' })),
      optionalDependencies,
    }
  }
  const dependsOn = Object.entries(expectMap(value, at)).map(([service, settings]) => {
    const entryAt = atField(at, service)
    const entry: YamlMap = settings === null ? {} : expectMap(settings, entryAt)
    checkKeys(entry, ['condition', 'required'], entryAt)
    if (entry.required !== undefined && !expectBoolean(entry.required, atField(entryAt, 'required'))) {
      optionalDependencies.add(service)
    }
    return { service, condition: dependencyCondition(entry.condition, atField(entryAt, 'condition')) }
  })
  return { dependsOn, optionalDependencies }
}

function dependencyCondition(value: unknown, at: ComposeAt): DependencyCondition {
  if (value === undefined) return 'service_started'
  const condition = expectString(value, at)
  const known = DEPENDENCY_CONDITIONS.find((candidate) => candidate === condition)
  if (known === undefined) {
    throw composeError(
      'compose_invalid',
      at,
      `"${condition}" is not a condition (${DEPENDENCY_CONDITIONS.join(', ')})`,
    )
  }
  return known
}

function restartPolicy(value: unknown, at: ComposeAt): ServicePlan['restart'] {
  if (value === undefined || value === null) return 'no'
  const policy = expectString(value, at)
  const known = RESTART_POLICIES.find((candidate) => candidate === policy)
  if (known !== undefined) return known
  if (policy.startsWith('on-failure:')) {
    throw composeError(
      'compose_unsupported',
      at,
      `"${policy}" (a retry limit) is not supported by Medallion's orchestrator; use "on-failure"`,
    )
  }
  throw composeError(
    'compose_invalid',
    at,
    `"${policy}" is not a restart policy (${RESTART_POLICIES.join(', ')})`,
  )
}

function ownLabelsOf(value: unknown, at: ComposeAt): Record<string, string> {
  const labels = keyValues(value, at, () => '')
  const reserved = Object.keys(labels).find((key) => key.startsWith(RESERVED_LABEL_PREFIX))
  if (reserved !== undefined) {
    throw composeError(
      'compose_invalid',
      at,
      `label "${reserved}" is reserved: compose and Medallion set ${RESERVED_LABEL_PREFIX}* labels`,
    )
  }
  return labels
}

/**
 * Keeps the dependencies between active services; one on a service the file lacks or a profile disables is an
 * error unless marked `required: false`, in which case it is dropped.
 */
function resolveDependencies(active: ParsedService[], all: ParsedService[], file: string): ServicePlan[] {
  const activeNames = new Set(active.map(({ plan }) => plan.name))
  const profilesOf = new Map(all.map(({ plan }) => [plan.name, plan.profiles]))
  return active.map(({ plan, optionalDependencies }) => {
    const dependsOn = plan.dependsOn.filter(({ service }) => {
      if (activeNames.has(service)) return true
      if (optionalDependencies.has(service)) return false
      const at = { file, service: plan.name, field: `depends_on.${service}` }
      const profiles = profilesOf.get(service)
      if (profiles === undefined) {
        throw composeError(
          'compose_dependency',
          at,
          `depends on service "${service}", which the file does not define`,
        )
      }
      throw composeError(
        'compose_dependency',
        at,
        `depends on service "${service}", which is only enabled with the profile ${profiles.map((p) => `"${p}"`).join(' or ')} (COMPOSE_PROFILES)`,
      )
    })
    return { ...plan, dependsOn }
  })
}
