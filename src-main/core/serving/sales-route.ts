/**
 * The read API's `/sales` route: its query parameters, checked by the contract's own schema (400 naming the
 * parameter at fault), and their OpenAPI description, side by side so they cannot drift.
 *   /sales?grain=month&from=2023-01-01&to=2023-06-30&pays=France,Germany&produit=Laptop
 * `pays` and `produit` take comma-separated values, or the parameter repeated.
 */
import {
  SALES_FILTER_MAX,
  SALES_GRAINS,
  type SalesFilter,
  SalesInput,
} from '../../../src-preload/contract-insights.ts'
import { ParamError } from '../api/list-params.ts'

const LIST_PARAMS = ['pays', 'produit'] as const
const SINGLE_PARAMS = ['grain', 'from', 'to'] as const
export const SALES_PARAMS: readonly string[] = [...SINGLE_PARAMS, ...LIST_PARAMS]

/** The filter a `/sales` query asks for; ParamError naming the parameter when it is unknown or malformed. */
export function salesFilterFromSearch(search: URLSearchParams): SalesFilter {
  const raw: Record<string, string | string[]> = {}
  for (const [name, value] of search) {
    if ((LIST_PARAMS as readonly string[]).includes(name)) {
      const values = value.split(',').map((v) => v.trim())
      raw[name] = [...((raw[name] as string[] | undefined) ?? []), ...values]
    } else if ((SINGLE_PARAMS as readonly string[]).includes(name)) {
      if (name in raw) throw new ParamError(name, `${name} is given more than once`)
      raw[name] = value
    } else {
      throw new ParamError(
        name,
        `unknown parameter ${JSON.stringify(name.slice(0, 64))} for /sales (accepted: ${SALES_PARAMS.join(', ')})`,
      )
    }
  }
  const parsed = SalesInput.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const param = String(issue?.path[0] ?? 'grain')
  throw new ParamError(param, `${param}: ${issue?.message ?? 'invalid'}`)
}

type Schema = Record<string, unknown>

/** The `/sales` path item and the schemas it refers to, for the OpenAPI document. */
export function salesOpenApi(
  ref: (name: string) => Schema,
  response: (name: string) => Schema,
): { path: Schema; schemas: Record<string, Schema> } {
  const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }
  const list = (field: string) => ({
    type: 'string',
    description: `Comma-separated ${field} values (at most ${SALES_FILTER_MAX}), or the parameter repeated.`,
  })
  const parameters = [
    { name: 'grain', in: 'query', required: true, schema: { enum: [...SALES_GRAINS] } },
    { name: 'from', in: 'query', description: 'First purchase day included.', schema: day },
    { name: 'to', in: 'query', description: 'Last purchase day included.', schema: day },
    { name: 'pays', in: 'query', description: 'Countries to keep.', schema: list('pays') },
    { name: 'produit', in: 'query', description: 'Products to keep.', schema: list('produit') },
  ]
  const path = {
    get: {
      operationId: 'sales',
      summary:
        'Purchases of the fact table, filtered, then grouped by month, week, day, country, product or basket bin',
      parameters,
      responses: {
        200: {
          description: 'The groups and the totals of the selection.',
          content: { 'application/json': { schema: ref('SalesAnswer') } },
        },
        400: response('BadRequest'),
        404: response('NotFound'),
        405: response('MethodNotAllowed'),
        503: response('Unavailable'),
      },
    },
  }
  const count = { type: 'integer' }
  const schemas = {
    SalesRow: {
      type: 'object',
      properties: {
        key: {
          type: 'string',
          description: "The group: month, week's Monday, day, country, product or bin label.",
        },
        ca: { type: 'number' },
        nb_achats: count,
        clients: { type: ['integer', 'null'], description: 'Distinct clients; null for week and basket.' },
        bin: { ...count, description: 'basket only' },
        lower: { type: 'number', description: 'basket only: the bin is (lower, upper]' },
        upper: { type: 'number', description: 'basket only' },
      },
      required: ['key', 'ca', 'nb_achats', 'clients'],
    },
    SalesAnswer: {
      type: 'object',
      properties: {
        data: { type: 'array', items: ref('SalesRow') },
        totals: {
          type: 'object',
          properties: { ca: { type: 'number' }, nb_achats: count, clients: count },
          required: ['ca', 'nb_achats', 'clients'],
        },
        meta: {
          type: 'object',
          properties: { grain: { enum: [...SALES_GRAINS] }, count, query_ms: { type: 'number' } },
          required: ['grain', 'count', 'query_ms'],
        },
      },
      required: ['data', 'totals', 'meta'],
    },
  }
  return { path, schemas }
}
