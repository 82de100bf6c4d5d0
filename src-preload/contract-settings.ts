/**
 * Settings: endpoints, data folder, ports, theme; secrets never leave main in plain text (issue 5).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-settings.ts.
 */
import { z } from 'zod'
import { call, EmptyInput } from './call.ts'
import { ABSOLUTE_PATH, MAX_INPUT_ROOTS } from './values.ts'

export const SETTING_KEYS = [
  'mongoUrl',
  'mongoDb',
  'minioEndpoint',
  'minioAccessKey',
  'minioSecretKey',
  'mlflowTrackingUri',
  'mlflowUsername',
  'mlflowPassword',
  'mlflowToken',
  'sparkMasterUrl',
  'apiPort',
  'theme',
] as const
export type SettingKey = (typeof SETTING_KEYS)[number]

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

/**
 * Where an effective value comes from, strongest first; 'this server' is the port the running API really
 * listens on (a `--port` given to `medallion serve`, or the window's).
 */
export type SettingSource = 'this server' | 'environment' | 'settings file' | 'stack' | 'default' | 'not set'

export interface SettingEntry {
  key: SettingKey
  /**
   * The value in use; secrets (a password inside a URL, the MinIO secret key, MLflow's password and token)
   * masked as ****.
   */
  value: string | null
  source: SettingSource
  /** The environment variable that wins over the settings file (none for the theme). */
  envVar?: string
  secret: boolean
  /** settings.json holds a value the environment variable hides. */
  overriddenByEnv: boolean
  /** Saved since this process started: used from the next start of Medallion. */
  pendingRestart: boolean
}

export interface SettingsView {
  /** The data folder (read-only here: MEDALLION_DATA_DIR or the --data-dir flag choose it). */
  dataDir: string
  dataDirFromEnv: boolean
  settingsFile: string
  /** Secrets can be saved (encrypted by the OS keychain of the desktop app); the CLI and a browser cannot. */
  secretStorage: boolean
  entries: SettingEntry[]
  theme: Theme
  /** Folders (besides the data folder's imports/ and sources/) a run over HTTP may read: saved from the window only. */
  inputRoots: string[]
  /** The same, from MEDALLION_INPUT_ROOTS when this process started (read-only here). */
  inputRootsFromEnv: string[]
  /**
   * Whether closing the desktop window leaves Medallion in the tray, its schedules and watched folders
   * running (saved from the window only); read when Medallion starts, so a change waits for the next start.
   */
  keepRunningInBackground: { saved: boolean; pendingRestart: boolean }
  /** What could not be read (a broken settings.json, a secret this process cannot decrypt…). */
  warnings: string[]
  /** What the last save did beyond storing the values (credentials taken out of a URL…). */
  notes?: string[]
}

/** `null` removes the value from settings.json (the environment, the stack or the default apply again). */
const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional()
const text = (max: number) => z.string().trim().min(1).max(max)

export const InputRootsSchema = z
  .array(
    text(4096)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a path with control characters is refused
      .regex(/^[^\u0000-\u001f]*$/, 'no control characters')
      .regex(ABSOLUTE_PATH, 'an absolute path'),
  )
  .max(MAX_INPUT_ROOTS)

export const SettingsSetInput = z
  .object({
    /** mongodb:// or mongodb+srv://; a password written as **** keeps the saved one. */
    mongoUrl: clearable(text(2048).regex(/^mongodb(\+srv)?:\/\/\S+$/, 'a mongodb:// or mongodb+srv:// URL')),
    mongoDb: clearable(text(63).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')),
    /** host:port or an http(s) URL, without credentials. */
    minioEndpoint: clearable(text(512).regex(/^\S+$/, 'no spaces')),
    minioAccessKey: clearable(text(128).regex(/^\S+$/, 'no spaces')),
    minioSecretKey: clearable(z.string().min(1).max(256)),
    /** A user and password written in it are taken out and saved as mlflowUsername and mlflowPassword. */
    mlflowTrackingUri: clearable(text(2048).regex(/^https?:\/\/\S+$/, 'an http(s) URL')),
    /** MLflow's own names: sent as HTTP Basic credentials (with the password), or a bearer token. */
    mlflowUsername: clearable(text(256).regex(/^[^\s:]+$/, 'no spaces or colons')),
    mlflowPassword: clearable(z.string().min(1).max(1024)),
    mlflowToken: clearable(text(4096).regex(/^\S+$/, 'no spaces')),
    sparkMasterUrl: clearable(
      text(512).regex(/^(spark:\/\/[^\s/@]+|local(\[(\d+|\*)\])?)$/, 'spark://host:port or local[*]'),
    ),
    apiPort: clearable(z.number().int().min(0).max(65_535)),
    theme: z.enum(THEMES).optional(),
    /** Folders a run over HTTP may read (see src-main/core/input-roots.ts); refused over HTTP itself. */
    inputRoots: clearable(InputRootsSchema),
    /** The window's close leaves the app in the tray (window-close.ts); refused over HTTP. */
    keepRunningInBackground: clearable(z.boolean()),
  })
  .strict()

export const settingsCalls = {
  'settings.get': call<typeof EmptyInput, SettingsView>(EmptyInput),
  'settings.set': call<typeof SettingsSetInput, SettingsView>(SettingsSetInput),
} as const
