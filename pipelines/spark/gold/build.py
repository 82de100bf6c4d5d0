"""Gold: the tables of pipelines/gold/index.ts from the silver layer, each written as soon as it is
built and read back by the tables built from it (a written table is cheaper to reread than to recompute)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Union

from pyspark.sql import Column, DataFrame, SparkSession

from pipelines.spark import report
from pipelines.spark.gold import fact as fact_table
from pipelines.spark.gold import sales, segment_summary
from pipelines.spark.gold.aggregates import client_aggregates
from pipelines.spark.gold.cohort import build_cohort
from pipelines.spark.gold.columns import GOLD_TABLES
from pipelines.spark.gold.derived import build_daily, build_monthly_growth, build_weekly
from pipelines.spark.gold.dim_clients import build_dim_clients
from pipelines.spark.gold.distribution import build_distribution
from pipelines.spark.gold.features import build_features
from pipelines.spark.gold.inputs import prepare_inputs
from pipelines.spark.gold.predictions import empty_predictions
from pipelines.spark.gold.retention import build_retention
from pipelines.spark.gold.scores import build_scores
from pipelines.spark.tables import Written, read_table, write_table
from pipelines.spark.time_math import format_timestamp

NO_PURCHASE_MESSAGE = "gold: no valid purchase reaches gold (Aucun achat valide en entrée gold)"


@dataclass(frozen=True)
class GoldResult:
    reference_date: str
    written: Dict[str, Written]


class _GoldWriter:
    """Writes each table into the gold folder, reporting a step and the layer's progress."""

    def __init__(self, spark: SparkSession, out: str, rows_in: int) -> None:
        self.spark, self.out, self.rows_in = spark, out, rows_in
        self.written: Dict[str, Written] = {}

    def emit(self, table: str, build: Callable[[], DataFrame], order: List[Union[str, Column]]) -> DataFrame:
        with report.stopwatch() as timing:
            self.written[table] = write_table(self.spark, build(), self.out, table, order)
        report.step("gold", table, self.rows_in, self.written[table].rows, timing["ms"])
        report.progress(0.5 + 0.4 * len(self.written) / len(GOLD_TABLES), f"gold: {table}")
        return read_table(self.spark, self.out, table)


def build_gold(spark: SparkSession, silver: str, out: str, horizon_days: int) -> GoldResult:
    if horizon_days <= 0:
        raise ValueError(f"gold: horizonDays must be a positive integer, got {horizon_days}")
    clients, achats = prepare_inputs(read_table(spark, silver, "clients"), read_table(spark, silver, "achats"))
    rows_in = achats.count()
    if rows_in == 0:
        raise ValueError(NO_PURCHASE_MESSAGE)
    gold = _GoldWriter(spark, out, rows_in)
    fact = gold.emit("fact_achats", lambda: fact_table.build_fact(clients, achats), fact_table.ORDER)
    reference = fact_table.reference_micros(fact)
    aggregates = client_aggregates(fact, reference, horizon_days).persist()
    gold.emit("dim_clients", lambda: build_dim_clients(clients, aggregates, reference, horizon_days), ["id_client"])
    features = gold.emit(
        "client_features", lambda: build_features(clients, aggregates, reference, horizon_days), ["id_client"]
    )
    scores = gold.emit("client_scores", lambda: build_scores(features, horizon_days), ["id_client"])
    gold.emit("segment_summary", lambda: segment_summary.build_segment_summary(scores), segment_summary.order())
    ca_monthly = gold.emit("ca_monthly", lambda: sales.revenue_by(fact, "mois"), ["mois"])
    gold.emit("ca_country", lambda: sales.revenue_by(fact, "pays"), sales.largest_first("pays"))
    gold.emit("ca_product", lambda: sales.revenue_by(fact, "produit"), sales.largest_first("produit"))
    gold.emit("cohort_first_purchase", lambda: build_cohort(aggregates), ["first_purchase_month"])
    gold.emit("daily", lambda: build_daily(fact), ["jour"])
    gold.emit("weekly", lambda: build_weekly(fact), ["semaine"])
    gold.emit("distribution", lambda: build_distribution(spark, fact), ["bin"])
    gold.emit("monthly_growth", lambda: build_monthly_growth(ca_monthly), ["mois"])
    gold.emit("cohort_retention", lambda: build_retention(fact), ["cohort", "month_offset"])
    gold.emit("client_predictions", lambda: empty_predictions(spark), ["id_client"])
    aggregates.unpersist()
    return GoldResult(reference_date=format_timestamp(reference), written=gold.written)
