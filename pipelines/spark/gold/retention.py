"""cohort_retention: how many clients of each first-purchase month come back in each later month, as a
dense triangle (pipelines/gold/retention.ts has the definition)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

OFFSET_DIGITS = 3


def build_retention(fact: DataFrame) -> DataFrame:
    date = F.col("date_achat")
    # One row per client and month they bought in: counting rows then counts distinct clients.
    client_months = fact.select(
        "id_client", "mois", (F.year(date) * 12 + F.month(date) - 1).cast("long").alias("_month")
    ).distinct()
    cohorts = client_months.groupBy("id_client").agg(
        F.min("_month").alias("_cohort"), F.min("mois").alias("cohort")
    )
    active = (
        client_months.join(cohorts, "id_client")
        .select("cohort", (F.col("_month") - F.col("_cohort")).alias("month_offset"), "id_client")
        .groupBy("cohort", "month_offset")
        .agg(F.count("id_client").alias("active_clients"))
    )
    last_month = client_months.agg(F.max("_month")).first()[0]
    grid = (
        cohorts.groupBy("cohort", "_cohort")
        .agg(F.count("id_client").alias("cohort_size"))
        .withColumn("month_offset", F.explode(F.sequence(F.lit(0).cast("long"), F.lit(last_month) - F.col("_cohort"))))
    )
    active_clients = F.coalesce(F.col("active_clients"), F.lit(0)).cast("long")
    return grid.join(active, ["cohort", "month_offset"], "left").select(
        "cohort",
        F.col("month_offset").cast("long").alias("month_offset"),
        active_clients.alias("active_clients"),
        F.col("cohort_size").cast("long").alias("cohort_size"),
        (active_clients.cast("double") / F.col("cohort_size").cast("double")).alias("retention"),
        F.concat(F.col("cohort"), F.lit("+"), F.format_string(f"%0{OFFSET_DIGITS}d", F.col("month_offset"))).alias(
            "cohort_offset"
        ),
    )
