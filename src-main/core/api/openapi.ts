/**
 * The read API's OpenAPI 3.1 document, generated from the serving catalog: every route with its
 * parameters (sort fields, paging bounds and defaults, typed filters), its row schema and its error
 * answers, so the document cannot drift from what the routes accept.
 */
import { DATA_ROUTES, MAX_PAGE } from '../../../src-preload/contract.ts'
import { type CollectionSpec, collectionForRoute } from '../serving/collections.ts'
import { salesOpenApi } from '../serving/sales-route.ts'
import { browseOpenApi } from './browse-openapi.ts'
import { type FieldType, fieldType } from './field-types.ts'
import { defaultLimit, defaultSort, FILTER_ALIASES } from './list-params.ts'

type Schema = Record<string, unknown>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const response = (name: string) => ({ $ref: `#/components/responses/${name}` })

function valueSchema(type: FieldType): Schema {
  switch (type) {
    case 'integer':
      return { type: ['integer', 'null'] }
    case 'number':
      return { type: ['number', 'null'] }
    case 'string':
      return { type: ['string', 'null'] }
    case 'timestamp':
      return {
        type: ['string', 'null'],
        description: 'ISO-8601 timestamp without a zone (naive UTC), to the millisecond',
        pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}$',
      }
  }
}

export function rowSchemaName(spec: CollectionSpec): string {
  return spec.name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())
}

function rowSchema(spec: CollectionSpec): Schema {
  const properties: Record<string, Schema> = {}
  for (const field of spec.fields) properties[field] = valueSchema(fieldType(spec, field))
  return {
    type: 'object',
    description: `A document of ${spec.name} (gold table ${spec.table}), unique key ${spec.key}.`,
    properties,
    required: [...spec.fields],
    additionalProperties: false,
  }
}

function listParameters(spec: CollectionSpec): Schema[] {
  const sort = defaultSort(spec)
  const fieldsPattern = spec.fields.map((f) => f.replace(/[^a-z0-9_]/gi, '\\$&')).join('|')
  const params: Schema[] = [
    {
      name: 'sort',
      in: 'query',
      description:
        `\`field\` or \`field:asc|desc\` (direction case-insensitive, default asc). Ties are ordered by ` +
        `${spec.key} ascending; nulls sort first ascending, last descending. Default ` +
        `\`${sort.field}:${sort.dir === 1 ? 'asc' : 'desc'}\`.`,
      schema: { type: 'string', pattern: `^(${fieldsPattern})(:([aA][sS][cC]|[dD][eE][sS][cC]))?$` },
    },
    {
      name: 'limit',
      in: 'query',
      description: `Rows to return, at most ${MAX_PAGE}. \`meta.total\` tells how many rows match.`,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: defaultLimit(spec) },
    },
    {
      name: 'offset',
      in: 'query',
      description: 'Rows to skip (after sorting).',
      schema: { type: 'integer', minimum: 0, default: 0 },
    },
  ]
  for (const field of spec.filters ?? []) {
    const schema = valueSchema(fieldType(spec, field))
    const single = { ...schema, type: (schema.type as string[])[0] }
    params.push({ name: field, in: 'query', description: `Exact match on ${field}.`, schema: single })
    for (const [alias, target] of Object.entries(FILTER_ALIASES)) {
      if (target === field) {
        params.push({ name: alias, in: 'query', description: `Same as \`${field}\`.`, schema: single })
      }
    }
  }
  return params
}

function listOperation(route: string, spec: CollectionSpec): Schema {
  return {
    get: {
      operationId: `list_${route}`,
      summary: `${spec.name}: one page of rows`,
      parameters: listParameters(spec),
      responses: {
        200: {
          description: 'One page of rows.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: { type: 'array', items: ref(rowSchemaName(spec)) },
                  meta: ref('ListMeta'),
                },
                required: ['data', 'meta'],
              },
            },
          },
        },
        400: response('BadRequest'),
        404: response('NotFound'),
        405: response('MethodNotAllowed'),
        503: response('Unavailable'),
      },
    },
  }
}

function errorResponse(description: string): Schema {
  return { description, content: { 'application/json': { schema: ref('Error') } } }
}

export function buildOpenApi(): Schema {
  const paths: Record<string, Schema> = {
    '/health': {
      get: {
        operationId: 'health',
        summary: 'Which store serves, whether it is reachable, and whether anything is published',
        responses: {
          200: {
            description: 'The store answers.',
            content: { 'application/json': { schema: ref('Health') } },
          },
          400: response('BadRequest'),
          503: {
            description: 'The store is unreachable.',
            content: { 'application/json': { schema: ref('Health') } },
          },
        },
      },
    },
    '/kpis': {
      get: {
        operationId: 'kpis',
        summary: 'Headline figures of the served gold',
        responses: {
          200: { description: 'The figures.', content: { 'application/json': { schema: ref('Kpis') } } },
          400: response('BadRequest'),
          404: response('NotFound'),
          405: response('MethodNotAllowed'),
          503: response('Unavailable'),
        },
      },
    },
  }
  const schemas: Record<string, Schema> = {}
  for (const route of DATA_ROUTES) {
    const spec = collectionForRoute(`/${route}`)
    if (!spec) continue
    paths[`/${route}`] = listOperation(route, spec)
    schemas[rowSchemaName(spec)] = rowSchema(spec)
  }
  const sales = salesOpenApi(ref, response)
  paths['/sales'] = sales.path
  Object.assign(schemas, sales.schemas)
  Object.assign(paths, browseOpenApi(response))
  paths['/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      responses: { 200: { description: 'The OpenAPI document.', content: { 'application/json': {} } } },
    },
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Medallion read API',
      version: '1',
      description:
        'Read-only JSON over the served gold layer (from MongoDB when configured, else straight from the ' +
        "lake's Parquet). GET and HEAD only (other methods: 405). Any unknown or malformed query parameter " +
        'is refused with 400 naming it. Unknown paths answer a JSON 404. A collection with nothing published ' +
        'answers 503; so does every route while the store is unreachable. Open on loopback; on a server ' +
        'bound beyond loopback every route wants the launch token `medallion serve` prints (401 without it).',
    },
    paths,
    components: {
      securitySchemes: {
        launchToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token in the URL `medallion serve` prints (`?token=…`); needed beyond loopback.',
        },
      },
      schemas: {
        ...schemas,
        ListMeta: {
          type: 'object',
          properties: {
            count: { type: 'integer', description: 'Rows in this answer.' },
            total: { type: 'integer', description: 'Rows matching the filters, before offset and limit.' },
            offset: { type: 'integer' },
            limit: { type: 'integer' },
            query_ms: { type: 'number', description: 'Time spent in the store, in milliseconds.' },
          },
          required: ['count', 'total', 'offset', 'limit', 'query_ms'],
        },
        Kpis: {
          type: 'object',
          properties: {
            total_ca: { type: 'number' },
            total_achats: { type: 'integer' },
            total_clients: { type: 'integer' },
            panier_moyen: { type: 'number' },
            expected_total: { type: ['number', 'null'] },
            dataset_size: { type: 'integer', description: 'Equals total_achats.' },
            meta: {
              type: 'object',
              properties: { query_ms: { type: 'number' } },
              required: ['query_ms'],
            },
          },
          required: [
            'total_ca',
            'total_achats',
            'total_clients',
            'panier_moyen',
            'expected_total',
            'dataset_size',
            'meta',
          ],
        },
        Health: {
          type: 'object',
          properties: {
            status: { enum: ['ok', 'down'] },
            store: { enum: ['mongo', 'parquet'] },
            detail: {
              type: 'string',
              description: 'Which kind of store serves (no paths), or what is wrong.',
            },
            runId: { type: 'string', description: 'The pipeline run whose gold is served.' },
            published: { type: 'boolean', description: 'Whether any gold is served yet.' },
            message: { type: 'string' },
          },
          required: ['status', 'store', 'detail'],
        },
        Error: {
          type: 'object',
          properties: {
            error: { type: 'string', description: 'What is wrong, in English.' },
            param: { type: 'string', description: 'The query parameter at fault (400).' },
            collection: { type: 'string', description: 'The empty collection (503).' },
          },
          required: ['error'],
        },
      },
      responses: {
        BadRequest: errorResponse(
          'A query parameter is unknown, given twice or malformed; `param` names it.',
        ),
        NotFound: errorResponse('No such route.'),
        MethodNotAllowed: errorResponse('Only GET and HEAD are served.'),
        Unavailable: errorResponse(
          'Nothing is published in this collection yet, or the store is unreachable.',
        ),
      },
    },
  }
}
