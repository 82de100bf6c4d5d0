"""§4.8 revenue aggregates over the fact: by month, country and product (pipelines/gold/sales.ts)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.gold.exact_sum import exact_sum


def revenue_by(fact: DataFrame, key: str) -> DataFrame:
    """`key`, `ca`: ca_monthly is written in month order, ca_country and ca_product largest first."""
    return fact.groupBy(key).agg(exact_sum("montant").alias("ca"))


def largest_first(key: str) -> list:
    return [F.col("ca").desc(), F.col(key).asc()]
