"""§4.5 client_scores: features + re-purchase propensity, 12-month values and an RFM segment, in the
original's operation order so the 0.65 / 0.55 thresholds see the same doubles (pipelines/gold/scores.ts):
  f = minmax(min(freq, Q.95 freq)), r = 1 − minmax(min(recency, horizon)), m = minmax(max(monetary, 0)),
  d = minmax(diversity); prob = clip(0.45·f + 0.30·r + 0.15·m + 0.10·d, 0, 1), NaN → 0;
  months_active = clip(max(tenure, 1) / 30, 1, horizon / 30);
  expected = (monetary / months_active) · 12 · prob ; at_risk = monetary · (1 − prob).
Scalars over all rows (quantiles, minima, maxima) are computed first, in one job, and enter as literals."""

from __future__ import annotations

from typing import Optional

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from pipelines.spark.gold.columns import FEATURE_COLUMNS
from pipelines.spark.gold.quantile import linear_quantile, sorted_values

VIP_PROB = 0.65
ACTIVE_PROB = 0.55


def lower_of(a: Column, b: Column) -> Column:
    return F.when(a > b, b).otherwise(a)


def higher_of(a: Column, b: Column) -> Column:
    return F.when(a < b, b).otherwise(a)


def _minmax(value: Column, low: Optional[float], high: Optional[float]) -> Column:
    """(x − min) / (max − min) clipped to [0, 1]; 0.0 everywhere when max = min (or there is no row)."""
    if low is None or high is None or low == high:
        return F.lit(0.0)
    scaled = (value - F.lit(low)) / (F.lit(high) - F.lit(low))
    return F.least(F.greatest(scaled, F.lit(0.0)), F.lit(1.0))


def _lower(a: Optional[float], b: Optional[float]) -> Optional[float]:
    """lower_of on scalars: the bounds of lower_of(column, b) are lower_of(bounds of the column, b)."""
    return a if a is None or b is None or not a > b else b


def _higher(a: Optional[float], b: float) -> Optional[float]:
    return a if a is None or not a < b else b


def _or(value: Optional[float], fallback: float) -> float:
    return fallback if value is None else value


def _scalars(features: DataFrame) -> dict:
    """Every scalar the scores need, in one job: the quantiles and each input's range."""
    ranged = ("freq_12m", "recency_days", "monetary_12m", "product_diversity_12m")
    row = (
        features.agg(
            sorted_values("freq_12m").alias("_freq"),
            sorted_values("monetary_12m").alias("_monetary"),
            sorted_values("recency_days").alias("_recency"),
            *[F.min(F.col(c).cast("double")).alias(f"min_{c}") for c in ranged],
            *[F.max(F.col(c).cast("double")).alias(f"max_{c}") for c in ranged],
        )
        .select(
            linear_quantile(F.col("_freq"), 0.95).alias("freq_q95"),
            linear_quantile(F.col("_freq"), 0.75).alias("freq_q75"),
            linear_quantile(F.col("_monetary"), 0.75).alias("monetary_q75"),
            linear_quantile(F.col("_recency"), 0.75).alias("recency_q75"),
            linear_quantile(F.col("_recency"), 0.25).alias("recency_q25"),
            *[F.col(f"{bound}_{c}") for c in ranged for bound in ("min", "max")],
        )
        .first()
    )
    return row.asDict()


def build_scores(features: DataFrame, horizon_days: int) -> DataFrame:
    freq = F.col("freq_12m").cast("double")
    recency = F.col("recency_days").cast("double")
    monetary = F.col("monetary_12m")
    horizon = float(horizon_days)
    k = _scalars(features)

    # A null Q.95 (no rows) leaves freq as it is, as Polars' comparison with null does.
    q95 = k["freq_q95"]
    capped_freq = freq if q95 is None else lower_of(freq, F.lit(q95))
    f = _minmax(capped_freq, _lower(k["min_freq_12m"], q95), _lower(k["max_freq_12m"], q95))
    capped_recency = lower_of(recency, F.lit(horizon))
    recency_range = (_lower(k["min_recency_days"], horizon), _lower(k["max_recency_days"], horizon))
    r = F.lit(1.0) - _minmax(capped_recency, *recency_range)
    floored_monetary = higher_of(monetary, F.lit(0.0))
    m = _minmax(floored_monetary, _higher(k["min_monetary_12m"], 0.0), _higher(k["max_monetary_12m"], 0.0))
    diversity = F.col("product_diversity_12m").cast("double")
    d = _minmax(diversity, k["min_product_diversity_12m"], k["max_product_diversity_12m"])
    raw = F.lit(0.45) * f + F.lit(0.3) * r + F.lit(0.15) * m + F.lit(0.1) * d
    # Spark orders NaN above 1, so NaN is mapped to 0 before clipping could turn it into 1.
    prob = F.when(raw.isNull() | F.isnan(raw), F.lit(0.0)).otherwise(F.least(F.greatest(raw, F.lit(0.0)), F.lit(1.0)))
    tenure = F.col("tenure_days").cast("double")
    months_active = lower_of(higher_of(higher_of(tenure, F.lit(1.0)) / F.lit(30.0), F.lit(1.0)), F.lit(horizon / 30.0))

    mon_hi = F.lit(_or(k["monetary_q75"], 0.0))
    rec_hi = F.lit(_or(k["recency_q75"], horizon))
    rec_lo = F.lit(_or(k["recency_q25"], horizon / 4.0))
    freq_hi = _or(k["freq_q75"], 0.0)
    dormant_freq = F.lit(0.5 * freq_hi if 1.0 < 0.5 * freq_hi else 1.0)
    p = F.col("prob_reachat_12m")
    segment = (
        F.when((p >= VIP_PROB) & (monetary >= mon_hi), F.lit("VIP"))
        .when((p >= ACTIVE_PROB) & (recency <= rec_lo), F.lit("Actifs"))
        .when((monetary >= mon_hi) & (recency > rec_hi), F.lit("A relancer"))
        .when((freq <= dormant_freq) & (recency > rec_hi), F.lit("Dormants"))
        .otherwise(F.lit("A potentiel"))
    )
    return (
        features.select(*FEATURE_COLUMNS)
        .withColumn("prob_reachat_12m", prob)
        .withColumn("_months_active", months_active)
        .select(
            *FEATURE_COLUMNS,
            "prob_reachat_12m",
            (monetary / F.col("_months_active") * F.lit(12.0) * p).alias("expected_value_12m"),
            (monetary * (F.lit(1.0) - p)).alias("value_at_risk_12m"),
            segment.alias("segment_label"),
        )
    )
