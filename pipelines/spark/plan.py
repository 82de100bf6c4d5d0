"""The run a job is asked for: written as JSON by src-main/core/spark/ (mirrors LayerPlan in run-layers.ts)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Optional

from pipelines.spark.schema import DEFAULT_MAX_REJECT_SHARE

LAYERS = ("bronze", "silver", "gold")


@dataclass(frozen=True)
class S3Settings:
    """The S3 lake (MinIO) reached through S3A; the secret never appears on a command line."""

    endpoint: str
    access_key: str
    secret_key: str
    region: str = "us-east-1"


@dataclass(frozen=True)
class JobPlan:
    run_id: str
    start: str
    # Layer folders as paths or URLs (`/data/lake/gold/<run>` or `s3a://gold/<run>`).
    out: Dict[str, str]
    reuse: Dict[str, str]
    now_micros: int
    horizon_days: int
    sources: Optional[Dict[str, str]] = None
    s3: Optional[S3Settings] = None
    shuffle_partitions: int = 8
    # What the user said of each source's dialect (`clients`/`achats` → delimiter, encoding, decimal,
    # dateFormat); the rest is detected.
    dialect: Dict[str, Dict[str, str]] = field(default_factory=dict)
    # How the reused bronze was read (a run from silver), as its run record keeps it (FileDialect).
    bronze_dialect: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    # The largest share of a file's rows silver may reject before the run fails.
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE

    def computes(self, layer: str) -> bool:
        return LAYERS.index(layer) >= LAYERS.index(self.start)


def read_plan(path: str) -> JobPlan:
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    if raw.get("from") not in LAYERS:
        raise ValueError(f"plan {path}: 'from' must be one of {', '.join(LAYERS)}")
    s3 = raw.get("s3")
    return JobPlan(
        run_id=raw["runId"],
        start=raw["from"],
        out=dict(raw.get("out") or {}),
        reuse=dict(raw.get("reuse") or {}),
        now_micros=int(raw["nowMicros"]),
        horizon_days=int(raw.get("horizonDays") or 365),
        sources=raw.get("sources"),
        s3=S3Settings(
            endpoint=s3["endpoint"],
            access_key=s3["accessKey"],
            secret_key=s3["secretKey"],
            region=s3.get("region") or "us-east-1",
        )
        if s3
        else None,
        shuffle_partitions=int(raw.get("shufflePartitions") or 8),
        dialect={table: dict(choice or {}) for table, choice in (raw.get("dialect") or {}).items()},
        bronze_dialect={table: dict(read or {}) for table, read in (raw.get("bronzeDialect") or {}).items()},
        max_reject_share=float(
            raw["maxRejectShare"] if raw.get("maxRejectShare") is not None else DEFAULT_MAX_REJECT_SHARE
        ),
    )
