"""client_predictions: filled by a training of the predictor (pipelines/ml/), written empty by every pipeline
run with the same columns (pipelines/ml/prediction-columns.ts), so every gold can be published."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

PREDICTION_TYPES = (
    ("id_client", "long"),
    ("prob_purchase", "double"),
    ("expected_spend", "double"),
    ("decile", "long"),
    ("prob_reachat_12m", "double"),
    ("horizon_days", "long"),
    ("reference_date", "timestamp_ntz"),
    ("ml_run_id", "string"),
)


def empty_predictions(spark: SparkSession) -> DataFrame:
    return spark.range(0).select(*[F.lit(None).cast(kind).alias(name) for name, kind in PREDICTION_TYPES])
