"""Evidence tests take the ``engine`` fixture (tests/engines.py): each runs on DuckDB and
on Spark, holding the same expectations on both."""
