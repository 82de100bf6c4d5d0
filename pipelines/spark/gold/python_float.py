"""numpy's `around` as pipelines/python-float.ts implements it (Python's own `repr` gives the labels' text)."""

from __future__ import annotations

import math


def rint_half_even(x: float) -> float:
    if not math.isfinite(x):
        return x
    floor = math.floor(x)
    diff = x - floor
    if diff > 0.5:
        return float(floor + 1)
    if diff < 0.5:
        return float(floor)
    return float(floor if floor % 2 == 0 else floor + 1)


def numpy_around(x: float, decimals: int) -> float:
    """Scale by 10^d, round half to even, scale back (binary, not exact-value)."""
    if not math.isfinite(x):
        return x
    if decimals >= 0:
        factor = float(f"1e{decimals}")
        return rint_half_even(x * factor) / factor
    factor = float(f"1e{-decimals}")
    return rint_half_even(x / factor) * factor
