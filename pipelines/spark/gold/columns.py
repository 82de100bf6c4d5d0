"""Gold's tables and column lists: a mirror of the lists in pipelines/gold/*.ts."""

from __future__ import annotations

GOLD_TABLES = (
    "fact_achats",
    "dim_clients",
    "client_features",
    "client_scores",
    "segment_summary",
    "ca_monthly",
    "ca_country",
    "ca_product",
    "cohort_first_purchase",
    "daily",
    "weekly",
    "distribution",
    "monthly_growth",
    "cohort_retention",
    "client_predictions",
)

FEATURE_COLUMNS = (
    "id_client",
    "freq_12m",
    "monetary_12m",
    "monetary_avg_12m",
    "product_diversity_12m",
    "last_purchase",
    "first_purchase",
    "recency_days",
    "tenure_days",
    "total_orders_all",
    "total_spend_all",
    "avg_order_value_all",
    "reference_date",
)

SCORE_COLUMNS = FEATURE_COLUMNS + ("prob_reachat_12m", "expected_value_12m", "value_at_risk_12m", "segment_label")

UNKNOWN_COUNTRY = "Inconnu"
