"""The headline figures of a gold layer, stored in the run record (pipelines/gold-kpis.ts)."""

from __future__ import annotations

from typing import Any, Dict

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from pipelines.spark.tables import read_table


def gold_kpis(spark: SparkSession, gold: str) -> Dict[str, Any]:
    fact = read_table(spark, gold, "fact_achats")
    total_ca, total_achats, total_clients = fact.agg(
        F.sum("montant"), F.count(F.lit(1)), F.countDistinct("id_client")
    ).first()
    expected_total = read_table(spark, gold, "client_scores").agg(F.sum("expected_value_12m")).first()[0]
    segments = {
        row["segment_label"]: int(row["clients"])
        for row in read_table(spark, gold, "segment_summary").select("segment_label", "clients").collect()
    }
    return {
        "total_ca": total_ca or 0.0,
        "total_achats": int(total_achats),
        "total_clients": int(total_clients),
        "panier_moyen": total_ca / total_achats if total_achats > 0 else 0,
        "expected_total": expected_total or 0.0,
        "segments": segments,
    }
