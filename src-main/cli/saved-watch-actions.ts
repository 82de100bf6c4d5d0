/** The words after `medallion watch` that manage saved watches rather than watch a folder in the foreground. */
export const SAVED_WATCH_ACTIONS = ['add', 'list', 'remove'] as const
