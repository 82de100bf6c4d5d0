#!/usr/bin/env bash
# Fetches the jars Spark needs to reach the MinIO lake through S3A, once, into a folder outside the clone
# (~/.cache/medallion/spark-jars, or MEDALLION_SPARK_JARS): hadoop-aws 3.3.4 (the Hadoop that Spark 3.5
# ships) and the AWS SDK bundle it was built against. Each jar is checked against the SHA-256 pinned here
# (and Maven Central's own SHA-1) before it is put in place, so a run never downloads anything and never
# uses a tampered jar. The stack's Spark services mount this folder. Prints the folder.
set -euo pipefail
jars_dir="${MEDALLION_SPARK_JARS:-$HOME/.cache/medallion/spark-jars}"
maven="https://repo1.maven.org/maven2"
# path in the repository, then the SHA-256 of the jar
jars=(
  "org/apache/hadoop/hadoop-aws/3.3.4/hadoop-aws-3.3.4.jar 53f9ae03c681a30a50aa17524bd9790ab596b28481858e54efd989a826ed3a4a"
  "com/amazonaws/aws-java-sdk-bundle/1.12.262/aws-java-sdk-bundle-1.12.262.jar 873fe7cf495126619997bec21c44de5d992544aea7e632fdc77adb1a0915bae5"
)
mkdir -p "$jars_dir"
for entry in "${jars[@]}"; do
  read -r path sha256 <<<"$entry"
  name="$(basename "$path")"
  target="$jars_dir/$name"
  if [ -f "$target" ] && echo "$sha256  $target" | sha256sum --check --status; then
    continue
  fi
  partial="$target.partial"
  # Progress goes to stderr so stdout stays the folder alone.
  echo "downloading $name" >&2
  curl --fail --silent --show-error --location --retry 3 --output "$partial" "$maven/$path"
  central_sha1="$(curl --fail --silent --show-error --location --retry 3 "$maven/$path.sha1" | cut -c1-40)"
  if ! echo "$sha256  $partial" | sha256sum --check --status ||
    ! echo "$central_sha1  $partial" | sha1sum --check --status; then
    rm -f "$partial"
    echo "checksum mismatch for $name: refusing to install it" >&2
    exit 1
  fi
  mv "$partial" "$target"
done
echo "$jars_dir"
