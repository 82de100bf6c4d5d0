/** The data browser's owner routes in the OpenAPI document (GET /lake/…, GET /export/….csv). */
import { BROWSE_OPS, LAYERS, MAX_PAGE } from '../../../src-preload/values.ts'

type Schema = Record<string, unknown>

const LAUNCH_TOKEN = [{ launchToken: [] }]

export function browseOpenApi(response: (name: string) => Schema): Record<string, Schema> {
  const layer = { name: 'layer', in: 'path', required: true, schema: { enum: [...LAYERS] } }
  const table = {
    name: 'table',
    in: 'path',
    required: true,
    description: 'A Parquet table of the layer, e.g. rejects (silver), client_scores (gold).',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$' },
  }
  const query = [
    {
      name: 'run',
      in: 'query',
      description: 'A kept run id; default the current run.',
      schema: { type: 'string' },
    },
    { name: 'sort', in: 'query', description: 'COL or COL:desc.', schema: { type: 'string' } },
    {
      name: 'filter',
      in: 'query',
      description: `COL:OP:VALUE, repeated (all must hold); OP one of ${BROWSE_OPS.join(', ')}.`,
      schema: { type: 'string' },
    },
  ]
  const refusals = {
    400: response('BadRequest'),
    401: { description: 'Without the launch token.' },
    404: response('NotFound'),
  }
  return {
    '/lake/{layer}/{table}': {
      get: {
        operationId: 'lakeTable',
        summary: 'One page of any table of a kept run (needs the launch token: rows hold names and e-mails)',
        security: LAUNCH_TOKEN,
        parameters: [
          layer,
          table,
          ...query,
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 100 },
          },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: {
            description: '`{ runId, columns: [{name, type, detail}], rows, total, offset, limit }`.',
            content: { 'application/json': {} },
          },
          ...refusals,
        },
      },
    },
    '/export/{layer}/{table}.csv': {
      get: {
        operationId: 'exportTable',
        summary: 'The whole sorted, filtered table as a CSV attachment (RFC 4180, UTF-8), streamed',
        security: LAUNCH_TOKEN,
        parameters: [layer, table, ...query],
        responses: { 200: { description: 'The CSV file.', content: { 'text/csv': {} } }, ...refusals },
      },
    },
  }
}
