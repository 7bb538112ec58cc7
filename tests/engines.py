"""The engines evidence is computed on in the tests: DuckDB, and Spark in local mode.

The ``engine`` fixture (registered in ``conftest.py``) gives a fresh Ibis backend for each
test, on each engine in turn; Spark's session is started once per test session (two local
cores, few shuffle partitions, quiet logs) and shared, since starting one takes seconds. A test
holds the same expectations on both, so results are proven identical.
"""

from __future__ import annotations

import os
import shutil

import pytest

ENGINES = ("duckdb", "pyspark")


@pytest.fixture(scope="session")
def spark_session():
    pytest.importorskip("pyspark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs a Java runtime (tests/setup-tools.sh installs default-jre-headless)")
    from pyspark.sql import SparkSession

    # Bind to the loopback interface: no warning about the host name, no network needed.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("journeyctl-tests")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(params=ENGINES)
def engine(request):
    """An Ibis backend: DuckDB (journeyctl's default engine), then PySpark in local mode."""
    pytest.importorskip("ibis")
    if request.param == "duckdb":
        from journeyctl.evidence.engines import connect

        return connect()
    import ibis

    return ibis.pyspark.connect(request.getfixturevalue("spark_session"))
