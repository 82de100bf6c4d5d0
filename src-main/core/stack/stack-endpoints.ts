/**
 * Where the stack's services answer from this machine, read from the plan (the ports and credentials the
 * compose file and its .env settled on): the serving MongoDB, the MinIO lake, and the links a user opens.
 * Services are found by their names in compose/docker-compose.yml.
 */
import type { StackLinks } from '../../../src-preload/contract.ts'
import type { MongoConfig } from '../serving/mongo-config.ts'
import { DEFAULT_MONGO_DB } from '../serving/mongo-config.ts'
import type { ServicePlan, StackPlan } from './stack-plan.ts'

export interface StackEndpoints {
  mongo?: MongoConfig
  /** The MinIO API and the root credentials the stack set (the lake's cache folder is the caller's). */
  s3?: { endpoint: string; accessKey: string; secretKey: string }
  links: StackLinks
}

/** `http://127.0.0.1:<host port>` of a service's container port, when it is published. */
function hostAddress(service: ServicePlan | undefined, containerPort: number): string | undefined {
  const binding = service?.ports.find((p) => p.containerPort === containerPort && p.hostPort > 0)
  if (!binding) return undefined
  // A port published on every interface is reached on loopback too.
  const host = ['', '0.0.0.0', '::'].includes(binding.hostIp) ? '127.0.0.1' : binding.hostIp
  return `${host.includes(':') ? `[${host}]` : host}:${binding.hostPort}`
}

/**
 * The mongo image's root user (MONGO_INITDB_ROOT_*) is created in `admin`: the app signs in there. Without
 * it (a volume from before the stack had credentials), MongoDB runs without authentication.
 */
function mongoUrl(address: string, mongo: ServicePlan | undefined): string {
  const user = mongo?.environment.MONGO_INITDB_ROOT_USERNAME
  const password = mongo?.environment.MONGO_INITDB_ROOT_PASSWORD
  if (!user || !password) return `mongodb://${address}/`
  return `mongodb://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${address}/?authSource=admin`
}

export function stackEndpoints(
  plan: StackPlan,
  env: Record<string, string | undefined> = {},
): StackEndpoints {
  const service = (name: string) => plan.services.find((s) => s.name === name)
  const http = (name: string, port: number) => {
    const address = hostAddress(service(name), port)
    return address ? `http://${address}` : undefined
  }
  const mongo = service('mongo')
  const mongoAddress = hostAddress(mongo, 27017)
  const minio = service('minio')
  const minioApi = http('minio', 9000)
  const links: StackLinks = {}
  const minioConsole = http('minio', 9001)
  const mlflow = http('mlflow', 5000)
  const metabase = http('metabase', 3000)
  const sparkUi = http('spark-master', 8080)
  if (minioConsole) links.minioConsole = minioConsole
  if (mlflow) links.mlflow = mlflow
  if (metabase) links.metabase = metabase
  if (sparkUi) links.sparkUi = sparkUi
  return {
    ...(mongoAddress
      ? { mongo: { url: mongoUrl(mongoAddress, mongo), db: env.MONGO_DB?.trim() || DEFAULT_MONGO_DB } }
      : {}),
    ...(minio && minioApi
      ? {
          s3: {
            endpoint: minioApi,
            accessKey: minio.environment.MINIO_ROOT_USER ?? 'minioadmin',
            secretKey: minio.environment.MINIO_ROOT_PASSWORD ?? 'minioadmin',
          },
        }
      : {}),
    links,
  }
}
