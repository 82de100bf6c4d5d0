import { DIM_CLIENT_COLUMNS } from './columns.ts'
import { buildGold } from './index.ts'
import { dtypes, records, scenario } from './test-frames.ts'

describe('dim_clients', () => {
  const dim = buildGold(scenario()).tables.dim_clients

  it('lists every client in id order with the spec columns', () => {
    expect(dim.columns).toEqual([...DIM_CLIENT_COLUMNS])
    expect(dtypes(dim)).toMatchObject({
      date_inscription: 'Datetime',
      recency_days: 'Int64',
      tenure_days: 'Int64',
      total_orders: 'Int64',
      total_spend: 'Float64',
      avg_order_value: 'Float64',
      product_count: 'Int64',
    })
  })

  it('counts tenure from the registration (floored, negative after the reference) and keeps nulls', () => {
    const rows = records(dim).map(({ nom: _n, email: _e, ...rest }) => rest)
    expect(rows).toEqual([
      {
        id_client: 1,
        pays: 'Germany',
        date_inscription: '2024-01-01 00:00:00',
        first_purchase: '2025-01-10 12:00:00',
        last_purchase: '2025-06-15 18:30:00',
        recency_days: 0,
        tenure_days: 531,
        total_orders: 3,
        total_spend: 175.5,
        avg_order_value: 58.5,
        product_count: 2,
      },
      {
        id_client: 2,
        pays: 'France',
        date_inscription: '2025-06-16 00:00:00',
        first_purchase: '2025-06-13 19:00:00',
        last_purchase: '2025-06-13 19:00:00',
        recency_days: 1,
        tenure_days: -1, // registered 5.5 h after the reference: floor(-0.23) = -1, not 0
        total_orders: 1,
        total_spend: 10,
        avg_order_value: 10,
        product_count: 1,
      },
      {
        id_client: 3, // no purchase: nulls as the original, recency = horizon, average 0.0
        pays: 'Spain',
        date_inscription: '2025-06-15 00:00:00',
        first_purchase: null,
        last_purchase: null,
        recency_days: 365,
        tenure_days: 0,
        total_orders: null,
        total_spend: null,
        avg_order_value: 0,
        product_count: null,
      },
      {
        id_client: 4,
        pays: 'UK',
        date_inscription: '2023-05-05 00:00:00',
        first_purchase: '2024-01-01 00:00:00',
        last_purchase: '2024-06-15 18:30:00',
        recency_days: 365,
        tenure_days: 772, // 2023-05-05 → 2025-05-05 is 731 days, + 41 days
        total_orders: 3,
        total_spend: 540,
        avg_order_value: 180,
        product_count: 2,
      },
    ])
  })
})
