"""The pipeline's Spark twin: bronze → silver → gold on PySpark 3.5 with the Polars pipeline's semantics.

Same cleaning rules and reject reasons, same tables, columns, types and sort orders (docs/differences.md,
"The Spark twin"). `job.py` is what spark-submit runs; the TypeScript side (src-main/core/spark/) plans the
run, reads the progress lines the job prints, and commits the run once the job has written its layers.
"""
