"""Evidence: the map held against an event log (§9.2 of the specification).

The data side reads a log into one table with fixed columns (:mod:`journeyctl.evidence.logs`)
on an engine of the user's choice (:mod:`journeyctl.evidence.engines`); the queries compute on
that table with Ibis expressions, so the same code runs on DuckDB, Spark or a warehouse.

Every module here imports Ibis, DuckDB or PyArrow only inside its functions: the base install
does not need them (``pip install 'journeyctl[evidence]'``).
"""
