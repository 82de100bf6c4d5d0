/** The `medallion` command's commands. The installed app reads these to tell a CLI call from a launch. */
export const CLI_COMMANDS = [
  'demo',
  'generate',
  'run',
  'runs',
  'show',
  'publish',
  'bench',
  'train',
  'serve',
  'schedule',
  'watch',
  'diagnostics',
  'up',
  'down',
  'reset',
  'status',
  'logs',
] as const
export type CliCommand = (typeof CLI_COMMANDS)[number]
