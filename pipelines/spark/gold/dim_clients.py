"""§4.7 dim_clients: every client with all-time purchase aggregates (pipelines/gold/dim-clients.ts). As the
original: clients without purchases keep null totals and dates, recency = horizon, avg_order_value 0.0;
tenure counts from the REGISTRATION date here (negative when it is after the reference date)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.gold.aggregates import safe_ratio
from pipelines.spark.time_math import days_since


def build_dim_clients(
    clients: DataFrame, aggregates: DataFrame, reference_micros: int, horizon_days: int
) -> DataFrame:
    totals = aggregates.select(
        "id_client", "first_purchase", "last_purchase", "total_orders", "total_spend", "product_count"
    )
    return clients.join(totals, "id_client", "left").select(
        "id_client",
        "nom",
        "email",
        "pays",
        "date_inscription",
        "first_purchase",
        "last_purchase",
        F.coalesce(days_since(reference_micros, "last_purchase"), F.lit(horizon_days).cast("long")).alias(
            "recency_days"
        ),
        days_since(reference_micros, "date_inscription").alias("tenure_days"),
        F.col("total_orders").cast("long").alias("total_orders"),
        F.col("total_spend").cast("double").alias("total_spend"),
        safe_ratio(F.col("total_spend"), F.col("total_orders")).alias("avg_order_value"),
        F.col("product_count").cast("long").alias("product_count"),
    )
