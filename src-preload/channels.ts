/**
 * The two IPC channels between main and the preload. Every call goes over the invoke channel as
 * (name, input) and comes back as a result envelope; every event comes over the event channel as
 * (name, payload). No other channel exists, so there is nothing else for a page to reach.
 */
export const INVOKE_CHANNEL = 'medallion:invoke'
export const EVENT_CHANNEL = 'medallion:event'
