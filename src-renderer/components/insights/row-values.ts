/** Typed reads of served rows (`Row` values are JSON scalars): a wrong type reads as missing, never as 0. */
import type { Row } from '../../../src-preload/contract.ts'

export function numberOf(row: Row | null | undefined, field: string): number | null {
  const value = row?.[field]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

export function textOf(row: Row | null | undefined, field: string): string | null {
  const value = row?.[field]
  return typeof value === 'string' ? value : null
}
