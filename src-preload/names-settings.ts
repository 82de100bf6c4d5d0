/** Call names of one area of the contract (no zod: the preload bundles these). Settings: endpoints, data folder, ports, theme; secrets never leave main in plain text (issue 5). */
export const SETTINGS_CALLS = ['settings.get', 'settings.set'] as const
