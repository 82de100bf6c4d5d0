"""§6.4 tables the original derived at publish time: daily, weekly, monthly_growth (pipelines/gold/derived.ts)."""

from __future__ import annotations

from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F

from pipelines.spark.gold.exact_sum import exact_sum


def _revenue_and_count() -> tuple:
    return exact_sum("montant").alias("ca"), F.count("id_achat").alias("achats")


def build_daily(fact: DataFrame) -> DataFrame:
    """`jour` ('YYYY-MM-DD'), `ca`, `achats`."""
    return fact.groupBy("jour").agg(*_revenue_and_count())


def build_weekly(fact: DataFrame) -> DataFrame:
    """`semaine` = the Monday starting the week ('YYYY-MM-DD'), `ca`, `achats`."""
    monday = F.date_format(F.date_trunc("week", F.col("date_achat")), "yyyy-MM-dd")
    return fact.groupBy(monday.alias("semaine")).agg(*_revenue_and_count())


def build_monthly_growth(ca_monthly: DataFrame) -> DataFrame:
    """By month: prev_ca = previous month's ca, growth_abs = ca − prev_ca, growth_pct = growth_abs / prev_ca
    (null on the first row and when prev_ca is 0). A dozen rows: one partition is fine."""
    previous = F.lag("ca").over(Window.orderBy("mois"))
    with_previous = ca_monthly.select("mois", F.col("ca").cast("double").alias("ca"), previous.alias("prev_ca"))
    growth_abs = F.col("ca") - F.col("prev_ca")
    prev = F.col("prev_ca")
    return with_previous.select(
        "mois",
        "ca",
        "prev_ca",
        growth_abs.alias("growth_abs"),
        F.when(prev.isNull() | (prev == 0), F.lit(None).cast("double"))
        .otherwise(growth_abs / prev)
        .alias("growth_pct"),
    )
