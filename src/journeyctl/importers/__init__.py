"""Converters that turn journeys written for other tools into journeyctl maps.

Each importer is a module (or package) with plain functions (text in, map data out) that the
``journeyctl import`` commands call; the data is written with :func:`journeyctl.review.fmt.dump_map`.

- :mod:`journeyctl.importers.mermaid` — Mermaid ``journey`` diagrams, alone or in Markdown
  (a package: ``preprocess`` → ``lexer`` → ``parser`` → ``scores`` and ``mapping``, with
  ``markdown`` finding the diagrams in a Markdown text).
- :mod:`journeyctl.importers.events` — a first map drafted from an event log (the totals are
  computed on the log's engine; see docs/event-logs.md).
- :mod:`journeyctl.importers.slugs` — ids made from names, for any importer.
"""
