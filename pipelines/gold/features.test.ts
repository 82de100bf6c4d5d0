import { buildGold } from './index.ts'
import { column, dtypes, records, scenario } from './test-frames.ts'

describe('client_features', () => {
  const gold = buildGold(scenario())
  const features = gold.tables.client_features

  it('takes the latest purchase as the reference date', () => {
    expect(gold.referenceDate).toBe('2025-06-15 18:30:00')
  })

  it('has one row per client, in id order, with the spec columns and types', () => {
    expect(column(features, 'id_client')).toEqual([1, 2, 3, 4])
    expect(dtypes(features)).toEqual({
      id_client: 'Int64',
      freq_12m: 'Int64',
      monetary_12m: 'Float64',
      monetary_avg_12m: 'Float64',
      product_diversity_12m: 'Int64',
      last_purchase: 'Datetime',
      first_purchase: 'Datetime',
      recency_days: 'Int64',
      tenure_days: 'Int64',
      total_orders_all: 'Int64',
      total_spend_all: 'Float64',
      avg_order_value_all: 'Float64',
      reference_date: 'Datetime',
    })
  })

  it('computes every column by hand', () => {
    expect(records(features)).toEqual([
      {
        id_client: 1,
        freq_12m: 3,
        monetary_12m: 175.5,
        monetary_avg_12m: 58.5,
        product_diversity_12m: 2,
        last_purchase: '2025-06-15 18:30:00',
        first_purchase: '2025-01-10 12:00:00',
        recency_days: 0, // the last purchase is the reference itself
        tenure_days: 156, // 156 days 6.5 h since the first purchase
        total_orders_all: 3,
        total_spend_all: 175.5,
        avg_order_value_all: 58.5,
        reference_date: '2025-06-15 00:00:00',
      },
      {
        id_client: 2,
        freq_12m: 1,
        monetary_12m: 10,
        monetary_avg_12m: 10,
        product_diversity_12m: 1,
        last_purchase: '2025-06-13 19:00:00',
        first_purchase: '2025-06-13 19:00:00',
        recency_days: 1, // 47.5 h: floored, not rounded
        tenure_days: 1,
        total_orders_all: 1,
        total_spend_all: 10,
        avg_order_value_all: 10,
        reference_date: '2025-06-15 00:00:00',
      },
      {
        id_client: 3, // no purchase: zeros, null dates, recency = horizon, tenure 0
        freq_12m: 0,
        monetary_12m: 0,
        monetary_avg_12m: 0,
        product_diversity_12m: 0,
        last_purchase: null,
        first_purchase: null,
        recency_days: 365,
        tenure_days: 0,
        total_orders_all: 0,
        total_spend_all: 0,
        avg_order_value_all: 0,
        reference_date: '2025-06-15 00:00:00',
      },
      {
        id_client: 4, // window start is inclusive: 18:30:00 in, 18:29:59 out
        freq_12m: 1,
        monetary_12m: 200,
        monetary_avg_12m: 200,
        product_diversity_12m: 1,
        last_purchase: '2024-06-15 18:30:00',
        first_purchase: '2024-01-01 00:00:00',
        recency_days: 365,
        tenure_days: 531, // 2024 is a leap year: 366 + 165 days
        total_orders_all: 3,
        total_spend_all: 540,
        avg_order_value_all: 180,
        reference_date: '2025-06-15 00:00:00',
      },
    ])
  })

  it('follows the horizon option (window and the recency of clients without purchases)', () => {
    const short = buildGold(scenario(), { horizonDays: 10 }).tables.client_features
    expect(column(short, 'freq_12m')).toEqual([1, 1, 0, 0])
    expect(column(short, 'monetary_12m')).toEqual([25.5, 10, 0, 0])
    // client 4 has purchases, none in the window: the window mean is 0.0, not null
    expect(column(short, 'monetary_avg_12m')).toEqual([25.5, 10, 0, 0])
    expect(column(short, 'recency_days')).toEqual([0, 1, 10, 365])
    expect(column(short, 'total_orders_all')).toEqual([3, 1, 0, 3])
  })
})
