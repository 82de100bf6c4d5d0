/**
 * Settings: endpoints, data folder, ports, theme; secrets never leave main in plain text (issue 5).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-settings.ts.
 */
export const settingsCalls = {} as const
