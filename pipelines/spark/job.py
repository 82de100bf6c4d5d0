"""What spark-submit runs: `job.py <plan.json>`. Prints the protocol of report.py on stdout (the app id,
progress, steps, then `done` with the run's tables, counters and KPIs, or `error`) and exits 0 or 1."""

from __future__ import annotations

import os
import sys
import traceback

# spark-submit puts this file's folder first on sys.path, where our module names could shadow others;
# the package is imported from the repository root instead (three folders up).
_HERE = os.path.dirname(os.path.abspath(__file__))
if sys.path and os.path.abspath(sys.path[0] or ".") == _HERE:
    sys.path[0] = os.path.dirname(os.path.dirname(_HERE))

from pipelines.spark import report  # noqa: E402
from pipelines.spark.errors import PipelineInputError  # noqa: E402
from pipelines.spark.plan import read_plan  # noqa: E402
from pipelines.spark.run_layers import run_layers  # noqa: E402
from pipelines.spark.session import create_session  # noqa: E402


def describe(err: BaseException) -> str:
    """One line for the user: a JVM error's own message rather than py4j's page of stack trace."""
    java = getattr(err, "java_exception", None)
    text = str(java.toString()) if java is not None else str(err)
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return (lines[0] if lines else type(err).__name__)[:1000]


def main(argv: list) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: job.py <plan.json>\n")
        return 2
    plan = read_plan(argv[1])
    spark = create_session(f"medallion {plan.run_id}", plan.shuffle_partitions, plan.s3)
    try:
        context = spark.sparkContext
        context.setLogLevel("WARN")
        # The driver JVM's pid: killing it ends the application, on a cluster too.
        pid = context._jvm.java.lang.ProcessHandle.current().pid()
        report.emit("app", {"id": context.applicationId, "master": context.master, "ui": context.uiWebUrl, "pid": pid})
        report.emit("done", run_layers(spark, plan))
        return 0
    except PipelineInputError as err:
        report.emit("error", {"code": err.code, "message": err.message})
        return 1
    except Exception as err:  # noqa: BLE001 - every failure must reach the task as one message
        traceback.print_exc(file=sys.stderr)
        report.emit("error", {"code": "pipeline_failed", "message": describe(err)})
        return 1
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
