"""The job's side of the protocol with src-main/core/spark/: one JSON line per event on stdout.

Each line is `MEDALLION <kind> <json>`; everything else on stdout and stderr is the driver's log.
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from typing import Any, Iterator

PREFIX = "MEDALLION"


def emit(kind: str, payload: Any) -> None:
    sys.stdout.write(f"{PREFIX} {kind} {json.dumps(payload, separators=(',', ':'))}\n")
    sys.stdout.flush()


def progress(fraction: float, label: str) -> None:
    emit("progress", {"fraction": fraction, "label": label})


def step(layer: str, table: str, rows_in: int, rows_out: int, ms: float) -> None:
    emit("step", {"layer": layer, "table": table, "rowsIn": rows_in, "rowsOut": rows_out, "ms": ms})


@contextmanager
def stopwatch() -> Iterator[dict]:
    """Yields a dict whose `ms` is set when the block ends."""
    timing = {"ms": 0.0}
    start = time.perf_counter()
    try:
        yield timing
    finally:
        timing["ms"] = (time.perf_counter() - start) * 1000
