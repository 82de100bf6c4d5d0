"""§4.9 cohort_first_purchase: clients by the month of their first purchase, with their lifetime revenue
(not the first month's only), from the per-client aggregates (pipelines/gold/cohort.ts)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def build_cohort(aggregates: DataFrame) -> DataFrame:
    return (
        aggregates.select(
            F.date_format("first_purchase", "yyyy-MM").alias("first_purchase_month"), "id_client", "total_spend"
        )
        .groupBy("first_purchase_month")
        .agg(
            F.countDistinct("id_client").cast("long").alias("clients"),
            F.sum("total_spend").cast("double").alias("ca"),
        )
    )
