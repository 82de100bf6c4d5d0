/**
 * A list route's parameters, from a URL query or the contract's `data.table` input, checked against the
 * catalog and turned into a ListQuery. Every refusal names the parameter at fault (the API answers 400,
 * the contract `invalid_input`).
 *   sort    `field` or `field:asc|desc` (direction case-insensitive, default asc); a field of the collection.
 *   limit   1..MAX_PAGE; default MAX_PAGE (every row up to a page), except /scores: 100.
 *   offset  0 or more; default 0.
 *   filters `?field=value`, exact match, only on the catalog's filterable fields, typed by field-types
 *           (`?id_client=42` is a number); `segment` is accepted for `segment_label`.
 */
import { MAX_PAGE } from '../../../src-preload/values.ts'
import { MedallionError } from '../errors.ts'
import type { CollectionSpec } from '../serving/collections.ts'
import type { ListQuery } from '../serving/serving-store.ts'
import { fieldType } from './field-types.ts'

export class ParamError extends MedallionError {
  constructor(
    /** The parameter at fault, as the caller spelled it. */
    readonly param: string,
    message: string,
  ) {
    super('invalid_input', message)
    this.name = 'ParamError'
  }
}

/** Pages by default where a collection grows with the number of clients. */
const DEFAULT_LIMITS: Readonly<Record<string, number>> = { '/scores': 100 }

/** Shorter names users may give a filter (the issue's `/scores?segment=VIP`). */
export const FILTER_ALIASES: Readonly<Record<string, string>> = { segment: 'segment_label' }

export const PAGING_PARAMS = ['sort', 'limit', 'offset'] as const

export interface RawListParams {
  sort?: string
  limit?: number | string
  offset?: number | string
  /** Filter name (or alias) → value. */
  filters?: Record<string, string | number>
}

export function defaultLimit(spec: CollectionSpec): number {
  return (spec.route && DEFAULT_LIMITS[spec.route]) || MAX_PAGE
}

/** The default sort: the catalog's, else the unique key ascending. */
export function defaultSort(spec: CollectionSpec): ListQuery['sort'] {
  return spec.defaultSort ?? { field: spec.key, dir: 1 }
}

function routeName(spec: CollectionSpec): string {
  return spec.route ?? spec.name
}

/** The filter a parameter name stands for on this collection, or undefined. */
export function filterField(spec: CollectionSpec, name: string): string | undefined {
  const field = FILTER_ALIASES[name] ?? name
  return spec.filters?.includes(field) ? field : undefined
}

/** The parameters a route accepts, for messages and the OpenAPI document. */
export function allowedParams(spec: CollectionSpec): string[] {
  const filters = spec.filters ?? []
  const aliases = Object.keys(FILTER_ALIASES).filter((alias) => filters.includes(FILTER_ALIASES[alias] ?? ''))
  return [...PAGING_PARAMS, ...filters, ...aliases]
}

function parseCount(name: string, raw: number | string, min: number, max: number): number {
  const text = String(raw).trim()
  const value = typeof raw === 'number' ? raw : /^-?\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `between ${min} and ${max}`
    throw new ParamError(name, `${name} must be a whole number ${range}, got ${JSON.stringify(String(raw))}`)
  }
  return value
}

function parseSort(spec: CollectionSpec, raw: string): ListQuery['sort'] {
  const match = /^([^:]*)(?::(.*))?$/.exec(raw.trim())
  const field = match?.[1] ?? ''
  const dir = match?.[2]
  if (!spec.fields.includes(field)) {
    throw new ParamError(
      'sort',
      `sort: ${JSON.stringify(field)} is not a field of ${routeName(spec)} (fields: ${spec.fields.join(', ')})`,
    )
  }
  if (dir === undefined || /^asc$/i.test(dir)) return { field, dir: 1 }
  if (/^desc$/i.test(dir)) return { field, dir: -1 }
  throw new ParamError('sort', `sort: the direction must be asc or desc, got ${JSON.stringify(dir)}`)
}

function parseFilterValue(spec: CollectionSpec, name: string, field: string, raw: string | number) {
  const text = String(raw)
  if (text.trim() === '') throw new ParamError(name, `${name} is empty`)
  switch (fieldType(spec, field)) {
    case 'integer':
      if (typeof raw === 'number' ? Number.isSafeInteger(raw) : /^-?\d{1,15}$/.test(text.trim())) {
        return Number(text)
      }
      throw new ParamError(name, `${name} must be a whole number, got ${JSON.stringify(text)}`)
    case 'number': {
      const value = Number(text)
      if (text.trim() !== '' && Number.isFinite(value)) return value
      throw new ParamError(name, `${name} must be a number, got ${JSON.stringify(text)}`)
    }
    default:
      return text
  }
}

export function parseListParams(spec: CollectionSpec, raw: RawListParams): ListQuery {
  const sort = raw.sort === undefined ? defaultSort(spec) : parseSort(spec, raw.sort)
  const limit = raw.limit === undefined ? defaultLimit(spec) : parseCount('limit', raw.limit, 1, MAX_PAGE)
  const offset = raw.offset === undefined ? 0 : parseCount('offset', raw.offset, 0, Number.MAX_SAFE_INTEGER)
  const filter: ListQuery['filter'] = {}
  const givenAs = new Map<string, string>()
  for (const [name, value] of Object.entries(raw.filters ?? {})) {
    const field = filterField(spec, name)
    if (!field) {
      const filters = spec.filters?.length
        ? `its filters are ${allowedParams(spec).slice(PAGING_PARAMS.length).join(', ')}`
        : 'it has no filters'
      throw new ParamError(name, `${name} is not a parameter of ${routeName(spec)}: ${filters}`)
    }
    const earlier = givenAs.get(field)
    if (earlier !== undefined)
      throw new ParamError(name, `${name} and ${earlier} are the same filter: give one`)
    givenAs.set(field, name)
    filter[field] = parseFilterValue(spec, name, field, value)
  }
  return { sort, offset, limit, filter }
}

/**
 * Splits a URL query into paging parameters and filters. A parameter given twice, or one the route does
 * not know, is refused here.
 */
export function listParamsFromSearch(spec: CollectionSpec, search: URLSearchParams): RawListParams {
  const raw: RawListParams = {}
  const filters: Record<string, string> = {}
  const seen = new Set<string>()
  for (const [name, value] of search) {
    if (seen.has(name)) throw new ParamError(name, `${name} is given more than once`)
    seen.add(name)
    if (name === 'sort' || name === 'limit' || name === 'offset') raw[name] = value
    else if (filterField(spec, name)) filters[name] = value
    else {
      throw new ParamError(
        name,
        `unknown parameter ${JSON.stringify(name)} for ${routeName(spec)} (accepted: ${allowedParams(spec).join(', ')})`,
      )
    }
  }
  if (Object.keys(filters).length > 0) raw.filters = filters
  return raw
}

/** Routes without parameters (/kpis, /health, /openapi.json) refuse any. */
export function assertNoParams(route: string, search: URLSearchParams): void {
  for (const [name] of search) {
    throw new ParamError(name, `unknown parameter ${JSON.stringify(name)}: ${route} takes no parameters`)
  }
}
