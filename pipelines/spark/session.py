"""The Spark session, with the settings parity with the Polars pipeline depends on."""

from __future__ import annotations

from typing import Optional

from pyspark.sql import SparkSession

from pipelines.spark.plan import S3Settings

# Naive timestamps are UTC wall clocks, written as TIMESTAMP_MICROS (never INT96) and read back as
# TIMESTAMP_NTZ; invalid dates give null (ANSI off), as Polars' non-strict parsing does.
PARITY_SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.parquet.compression.codec": "zstd",
    "spark.ui.showConsoleProgress": "false",
}

# Hadoop chmods what it writes on a local disk to its own umask (022 by default), ignoring the process's:
# the lake's files stay private (folders 0700, files 0600) as the app's other writes are
# (src-main/core/private-files.ts).
PRIVATE_FILE_SETTINGS = {
    "spark.hadoop.fs.permissions.umask-mode": "077",
}


def s3a_settings(s3: S3Settings) -> dict:
    """S3A on MinIO: path-style buckets, TLS as the endpoint's scheme says, static credentials."""
    return {
        "spark.hadoop.fs.s3a.endpoint": s3.endpoint,
        "spark.hadoop.fs.s3a.endpoint.region": s3.region,
        "spark.hadoop.fs.s3a.access.key": s3.access_key,
        "spark.hadoop.fs.s3a.secret.key": s3.secret_key,
        "spark.hadoop.fs.s3a.path.style.access": "true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled": str(s3.endpoint.startswith("https://")).lower(),
        "spark.hadoop.fs.s3a.aws.credentials.provider": "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "spark.hadoop.fs.s3a.impl": "org.apache.hadoop.fs.s3a.S3AFileSystem",
        # A dead endpoint must fail a run in seconds, not after S3A's default of many retries.
        "spark.hadoop.fs.s3a.attempts.maximum": "3",
        "spark.hadoop.fs.s3a.retry.limit": "3",
    }


def create_session(app_name: str, shuffle_partitions: int, s3: Optional[S3Settings]) -> SparkSession:
    builder = SparkSession.builder.appName(app_name)
    settings = {**PARITY_SETTINGS, **PRIVATE_FILE_SETTINGS}
    settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    if s3 is not None:
        settings.update(s3a_settings(s3))
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
