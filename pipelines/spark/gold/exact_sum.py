"""Σ of amounts, the same to the last bit on every run (pipelines/gold/exact-sum.ts): each amount counted
in millionths, summed as a long (exact in any order, whatever the partitions) and divided once."""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F

UNITS = 1_000_000


def exact_sum(column: str) -> Column:
    return F.sum(F.round(F.col(column) * F.lit(UNITS)).cast("long")).cast("double") / F.lit(float(UNITS))
