"""Per client with at least one purchase: 12-month window aggregates and all-time ones, unfilled
(`clientAggregates` in pipelines/gold/features.ts)."""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from pipelines.spark.time_math import in_window


def client_aggregates(fact: DataFrame, reference_micros: int, horizon_days: int) -> DataFrame:
    window = in_window(reference_micros, horizon_days, "date_achat")

    def windowed(column: str) -> Column:
        return F.when(window, F.col(column))

    return fact.groupBy("id_client").agg(
        F.count(windowed("id_achat")).alias("freq_12m"),
        F.sum(windowed("montant")).alias("monetary_12m"),
        F.avg(windowed("montant")).alias("monetary_avg_12m"),
        F.countDistinct(windowed("produit")).alias("product_diversity_12m"),
        F.max("date_achat").alias("last_purchase"),
        F.min("date_achat").alias("first_purchase"),
        F.count("id_achat").alias("total_orders"),
        F.sum("montant").alias("total_spend"),
        F.countDistinct("produit").alias("product_count"),
    )


def safe_ratio(numerator: Column, denominator: Column) -> Column:
    """Ratio with 0.0 where the denominator is 0 or missing (the original filled the NaN with 0)."""
    return F.when(denominator.isNull() | (denominator == 0), F.lit(0.0)).otherwise(
        numerator.cast("double") / denominator.cast("double")
    )
