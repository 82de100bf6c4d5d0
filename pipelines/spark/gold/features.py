"""§4.4 client_features: one row per client of the client table (pipelines/gold/features.ts). Clients
without purchases get 0 / 0.0, null dates, recency = horizon and tenure 0; tenure counts from the FIRST
PURCHASE here."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.gold.aggregates import safe_ratio
from pipelines.spark.time_math import days_since, midnight, ntz_from_micros


def build_features(clients: DataFrame, aggregates: DataFrame, reference_micros: int, horizon_days: int) -> DataFrame:
    return clients.select("id_client").join(aggregates, "id_client", "left").select(
        "id_client",
        F.coalesce(F.col("freq_12m"), F.lit(0)).cast("long").alias("freq_12m"),
        F.coalesce(F.col("monetary_12m").cast("double"), F.lit(0.0)).alias("monetary_12m"),
        F.coalesce(F.col("monetary_avg_12m").cast("double"), F.lit(0.0)).alias("monetary_avg_12m"),
        F.coalesce(F.col("product_diversity_12m"), F.lit(0)).cast("long").alias("product_diversity_12m"),
        "last_purchase",
        "first_purchase",
        F.coalesce(days_since(reference_micros, "last_purchase"), F.lit(horizon_days).cast("long")).alias(
            "recency_days"
        ),
        F.coalesce(days_since(reference_micros, "first_purchase"), F.lit(0).cast("long")).alias("tenure_days"),
        F.coalesce(F.col("total_orders"), F.lit(0)).cast("long").alias("total_orders_all"),
        F.coalesce(F.col("total_spend").cast("double"), F.lit(0.0)).alias("total_spend_all"),
        safe_ratio(F.col("total_spend"), F.col("total_orders")).alias("avg_order_value_all"),
        ntz_from_micros(F.lit(midnight(reference_micros))).alias("reference_date"),
    )
