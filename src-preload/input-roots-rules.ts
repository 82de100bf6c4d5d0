/**
 * What a saved input root may be (zod-free, so the renderer checks a path as it is typed with the rule main
 * enforces): an absolute path — POSIX, a Windows drive or a UNC share — and at most this many of them.
 */
export const MAX_INPUT_ROOTS = 32

export const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/
