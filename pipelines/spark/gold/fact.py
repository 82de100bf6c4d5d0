"""§4.2 fact_achats: purchases with the client's country and calendar keys (pipelines/gold/fact.ts)."""

from __future__ import annotations

from typing import Optional

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.gold.columns import UNKNOWN_COUNTRY
from pipelines.spark.time_math import micros, ntz_from_micros, start_of_day

ORDER = ["date_achat", "id_achat"]


def build_fact(clients: DataFrame, achats: DataFrame) -> DataFrame:
    """Purchases left-joined with their client's country ('Inconnu' when missing); written sorted by
    date_achat with ties broken by id_achat."""
    day = ntz_from_micros(start_of_day("date_achat"))
    return achats.join(clients.select("id_client", "pays"), "id_client", "left").select(
        "id_achat",
        "id_client",
        "date_achat",
        "montant",
        "produit",
        F.coalesce(F.col("pays"), F.lit(UNKNOWN_COUNTRY)).alias("pays"),
        F.date_format(day, "yyyy-MM-dd").alias("jour"),
        F.date_format(day, "yyyy-MM").alias("mois"),
        F.year(day).cast("long").alias("annee"),
    )


def reference_micros(fact: DataFrame) -> int:
    """The latest purchase timestamp, as epoch microseconds."""
    latest: Optional[int] = fact.agg(F.max(micros("date_achat"))).first()[0]
    if latest is None:
        raise ValueError("gold: cannot compute features, no valid purchase date (Impossible de calculer les features)")
    return int(latest)
