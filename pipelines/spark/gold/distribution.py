"""§6.4 distribution: histogram of fact `montant` into 12 equal-width bins with pandas `cut` semantics, in
numeric order with a `bin` index (pipelines/gold/distribution.ts). Edges and labels are computed on the
driver from the amounts' minimum and maximum, with the same float operations as the TypeScript."""

from __future__ import annotations

import math
from typing import List

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from pipelines.spark.gold.python_float import numpy_around

BINS = 12


def cut_edges(low: float, high: float, bins: int = BINS) -> List[float]:
    """numpy `linspace(min, max, n + 1)` with pandas' range adjustment."""
    start, stop = low, high
    if low == high:
        start = low - 0.001 * abs(low) if low != 0 else low - 0.001
        stop = high + 0.001 * abs(high) if high != 0 else high + 0.001
    step = (stop - start) / bins
    edges = [i * step + start for i in range(bins + 1)]
    edges[bins] = stop
    if low != high:
        edges[0] = edges[0] - (high - low) * 0.001
    return edges


def round_frac(x: float, precision: int) -> float:
    """pandas `_round_frac`: `precision` significant decimals after the leading zeros of numbers below 1."""
    if not math.isfinite(x) or x == 0:
        return x
    whole = math.trunc(x)
    digits = -math.floor(math.log10(abs(x - whole))) - 1 + precision if whole == 0 else precision
    return numpy_around(x, digits)


def infer_precision(edges: List[float], base: int = 3) -> int:
    for precision in range(base, 20):
        if len({round_frac(e, precision) for e in edges}) == len(edges):
            return precision
    return base


def cut_labels(edges: List[float]) -> List[str]:
    precision = infer_precision(edges)
    rounded = [round_frac(e, precision) for e in edges]
    return [f"({rounded[i]!r}, {rounded[i + 1]!r}]" for i in range(len(edges) - 1)]


def build_distribution(spark: SparkSession, fact: DataFrame, bins: int = BINS) -> DataFrame:
    low, high = fact.agg(F.min("montant"), F.max("montant")).first()
    if low is None or high is None or not math.isfinite(low) or not math.isfinite(high):
        raise ValueError("gold: distribution needs at least one finite amount")
    edges = cut_edges(low, high, bins)
    labels = cut_labels(edges)
    # The bin of an amount: how many inner edges lie strictly below it (right-closed intervals).
    bin_of = sum(((F.col("montant") > F.lit(edge)).cast("long") for edge in edges[1:-1]), F.lit(0).cast("long"))
    counts = fact.select(bin_of.alias("bin")).groupBy("bin").agg(F.count(F.lit(1)).alias("count"))
    rows = F.array(
        *[
            F.struct(
                F.lit(i).cast("long").alias("bin"),
                F.lit(label).alias("bucket"),
                F.lit(edges[i]).cast("double").alias("lower"),
                F.lit(edges[i + 1]).cast("double").alias("upper"),
            )
            for i, label in enumerate(labels)
        ]
    )
    return (
        spark.range(1)
        .select(F.inline(rows))
        .join(counts, "bin", "left")
        .select("bin", "bucket", F.coalesce(F.col("count"), F.lit(0)).cast("long").alias("count"), "lower", "upper")
    )
