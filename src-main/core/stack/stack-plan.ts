/**
 * What the orchestrator acts on: the compose file read, interpolated and filtered by profile into plain,
 * fully resolved values (no `${VAR}` left, relative paths made absolute, names made project-scoped).
 * compose-file.ts builds it; the orchestrator never looks at YAML.
 */

/** Compose v2 labels, so `docker compose -p medallion ps` sees the same stack. */
export const LABEL_PROJECT = 'com.docker.compose.project'
export const LABEL_SERVICE = 'com.docker.compose.service'
export const LABEL_CONTAINER_NUMBER = 'com.docker.compose.container-number'
export const LABEL_ONEOFF = 'com.docker.compose.oneoff'
export const LABEL_VOLUME = 'com.docker.compose.volume'
export const LABEL_NETWORK = 'com.docker.compose.network'
/** Hash of a service's resolved definition: `up` recreates a container only when it changed. */
export const LABEL_CONFIG_HASH = 'com.docker.compose.config-hash'

export type DependencyCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully'

export interface PortBinding {
  /** Host address the port is published on (compose default 0.0.0.0; ours bind 127.0.0.1). */
  hostIp: string
  /** 0 when the file publishes the port without a host port (`"9000"`): the engine picks a free one. */
  hostPort: number
  containerPort: number
  protocol: 'tcp' | 'udp'
}

export type Mount =
  /** A project volume: `source` is the full engine name, e.g. `medallion_mongo_data`. */
  | { type: 'volume'; source: string; target: string; readOnly: boolean }
  /** A host folder, made absolute against the compose file's folder. */
  | { type: 'bind'; source: string; target: string; readOnly: boolean }

export interface Healthcheck {
  /** Engine form: ['CMD', ...argv] or ['CMD-SHELL', 'script']; ['NONE'] turns the image's own check off. */
  test: string[]
  intervalMs: number
  timeoutMs: number
  retries: number
  startPeriodMs: number
}

export interface ServicePlan {
  /** The compose service key, e.g. `mongo`. */
  name: string
  /** `<project>-<service>-1` unless the file sets container_name. */
  containerName: string
  image: string
  command?: string[]
  entrypoint?: string[]
  environment: Record<string, string>
  ports: PortBinding[]
  mounts: Mount[]
  /** Full engine network names the container joins; the first is the primary one. */
  networks: string[]
  dependsOn: { service: string; condition: DependencyCondition }[]
  healthcheck?: Healthcheck
  restart: 'no' | 'always' | 'unless-stopped' | 'on-failure'
  /** The service's own labels plus the compose labels and the config hash. */
  labels: Record<string, string>
  /** Hash of everything above that shapes the container (hex). */
  configHash: string
  /** Profiles the service belongs to; empty means always on. */
  profiles: string[]
}

export interface StackPlan {
  /** Compose project name (`medallion`). */
  project: string
  /** Absolute path of the compose file read. */
  file: string
  /** Active services, in an order where every service comes after what it depends on. */
  services: ServicePlan[]
  /** Project networks: compose key and full engine name (`medallion_default`, or the file's `name:`). */
  networks: { key: string; name: string }[]
  /**
   * Project named volumes: compose key, full engine name (`medallion_mongo_data`) and the file's own labels
   * for it (when it declares any), set when the volume is created.
   */
  volumes: { key: string; name: string; labels?: Record<string, string> }[]
  /** Profiles that were enabled when the plan was made. */
  profiles: string[]
}
