"""Exact quantiles with linear interpolation, computed as Polars computes them (`quantile(q, 'linear')`):
position (n − 1)·q over the sorted non-null values, then (position − floor)·(upper − lower) + lower.
Spark's `percentile` weighs the two neighbours differently (last bits differ) and `approxQuantile` is
approximate: both could move a client across a segment threshold. The values are gathered sorted in one
aggregation (one row per client or segment member: small), so every quantile of a table costs one job."""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F


def sorted_values(column: str) -> Column:
    """An aggregate: the column's non-null values as doubles, sorted ascending."""
    return F.sort_array(F.collect_list(F.col(column).cast("double")))


def linear_quantile(values: Column, q: float) -> Column:
    """The q-quantile of a sorted array column (null when it is empty)."""
    count = F.size(values)
    position = (count - 1).cast("double") * F.lit(q)
    lower = F.element_at(values, (F.floor(position) + 1).cast("int"))
    upper = F.element_at(values, (F.ceil(position) + 1).cast("int"))
    interpolated = F.when(lower == upper, lower).otherwise((position - F.floor(position)) * (upper - lower) + lower)
    return F.when(count > 0, interpolated)
