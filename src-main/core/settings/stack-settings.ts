/**
 * The settings a running stack provides (after Up, until Down or Reset): its MongoDB, its MinIO and the
 * MinIO credentials the compose file set, MLflow's address and the Spark master's. These rank below the
 * environment and settings.json, as in backends.ts.
 */
import { stackEndpoints } from '../stack/stack-endpoints.ts'
import type { StackPlan } from '../stack/stack-plan.ts'
import type { EnvSettingKey } from './settings-env.ts'

const SPARK_MASTER_PORT = 7077

function sparkMasterUrl(plan: StackPlan): string | undefined {
  const binding = plan.services
    .find((s) => s.name === 'spark-master')
    ?.ports.find((p) => p.containerPort === SPARK_MASTER_PORT && p.hostPort > 0)
  if (!binding) return undefined
  // A port published on every interface is reached on loopback.
  const host = ['', '0.0.0.0', '::'].includes(binding.hostIp) ? '127.0.0.1' : binding.hostIp
  return `spark://${host.includes(':') ? `[${host}]` : host}:${binding.hostPort}`
}

export function stackSettings(plan: StackPlan): Partial<Record<EnvSettingKey, string>> {
  const { mongo, s3, links } = stackEndpoints(plan)
  const values: Partial<Record<EnvSettingKey, string>> = {}
  if (mongo) values.mongoUrl = mongo.url
  if (s3) {
    values.minioEndpoint = s3.endpoint
    values.minioAccessKey = s3.accessKey
    values.minioSecretKey = s3.secretKey
  }
  if (links.mlflow) values.mlflowTrackingUri = links.mlflow
  const spark = sparkMasterUrl(plan)
  if (spark) values.sparkMasterUrl = spark
  return values
}
