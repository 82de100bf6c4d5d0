/** How each setting is asked for: its group, label, hint and input kind (the contract holds the rules). */
import type { SettingKey, SettingSource } from '../../../src-preload/contract-settings.ts'

export type FieldKey = Exclude<SettingKey, 'theme'>

export interface FieldSpec {
  key: FieldKey
  label: string
  hint: string
  kind: 'text' | 'secret' | 'port'
  placeholder?: string
}

export interface FieldGroup {
  title: string
  what: string
  fields: readonly FieldSpec[]
}

export const FIELD_GROUPS: readonly FieldGroup[] = [
  {
    title: 'Serving — MongoDB',
    what: 'Where gold is published and served from. Unset, the embedded store serves it from the lake.',
    fields: [
      {
        key: 'mongoUrl',
        label: 'MongoDB URL',
        hint: 'mongodb:// or mongodb+srv://. A password in it is saved encrypted; **** keeps the saved one.',
        kind: 'text',
        placeholder: 'mongodb://127.0.0.1:27017/',
      },
      { key: 'mongoDb', label: 'Database', hint: 'Letters, digits, _ and -.', kind: 'text' },
    ],
  },
  {
    title: 'Lake — MinIO or S3',
    what: 'Where the runs are stored. Unset, the lake is the local folder lake/ in the data folder.',
    fields: [
      {
        key: 'minioEndpoint',
        label: 'Endpoint',
        hint: 'host:port or an http(s) URL, without credentials.',
        kind: 'text',
        placeholder: '127.0.0.1:9000',
      },
      { key: 'minioAccessKey', label: 'Access key', hint: 'The S3 access key (user).', kind: 'text' },
      {
        key: 'minioSecretKey',
        label: 'Secret key',
        hint: 'Saved encrypted with the system keychain, never shown again.',
        kind: 'secret',
      },
    ],
  },
  {
    title: 'Models and compute',
    what: 'Where model runs are tracked and where Spark jobs go.',
    fields: [
      {
        key: 'mlflowTrackingUri',
        label: 'MLflow tracking URI',
        hint: 'An http(s) URL. A user and password written in it are moved to the fields below (never kept in the URI).',
        kind: 'text',
        placeholder: 'http://127.0.0.1:5001',
      },
      {
        key: 'mlflowUsername',
        label: 'MLflow user',
        hint: 'With the password, sent as HTTP Basic credentials in the Authorization header.',
        kind: 'text',
      },
      {
        key: 'mlflowPassword',
        label: 'MLflow password',
        hint: 'Saved encrypted with the system keychain, never shown again.',
        kind: 'secret',
      },
      {
        key: 'mlflowToken',
        label: 'MLflow token',
        hint: 'Sent as a Bearer token when no user and password are set. Saved encrypted.',
        kind: 'secret',
      },
      {
        key: 'sparkMasterUrl',
        label: 'Spark master URL',
        hint: 'spark://host:port, or local[*] for Spark in one process.',
        kind: 'text',
        placeholder: 'spark://127.0.0.1:7077',
      },
    ],
  },
  {
    title: 'Read API',
    what: 'The port of the read API (and of the UI in a browser), on 127.0.0.1.',
    fields: [{ key: 'apiPort', label: 'Port', hint: '0 to 65535; 0 takes any free port.', kind: 'port' }],
  },
]

export const SOURCE_LABELS: Record<SettingSource, string> = {
  'this server': 'this server (in use now)',
  environment: 'environment',
  'settings file': 'settings file',
  stack: 'stack',
  default: 'default',
  'not set': 'not set',
}
