"""§4.6 segment_summary: one row per occurring segment (pipelines/gold/segment-summary.ts). Medians are
floats (the mean of the two middle values for even counts), as in pandas."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.gold.quantile import linear_quantile, sorted_values


def order() -> list:
    """Largest expected value first, label on ties (columns need a running session: built on call)."""
    return [F.col("expected_value_12m").desc(), F.col("segment_label").asc()]


def build_segment_summary(scores: DataFrame) -> DataFrame:
    return (
        scores.groupBy("segment_label")
        .agg(
            F.count("id_client").alias("clients"),
            F.sum("monetary_12m").alias("ca_12m"),
            F.sum("expected_value_12m").alias("expected_value_12m"),
            F.sum("value_at_risk_12m").alias("value_at_risk_12m"),
            sorted_values("freq_12m").alias("_freq"),
            sorted_values("recency_days").alias("_recency"),
        )
        .select(
            "segment_label",
            "clients",
            "ca_12m",
            "expected_value_12m",
            "value_at_risk_12m",
            linear_quantile(F.col("_freq"), 0.5).alias("freq_med"),
            linear_quantile(F.col("_recency"), 0.5).alias("recency_med"),
        )
    )
