"""Converters that turn journeys written for other tools into journeyctl maps.

Each importer is a module with plain functions (text in, map data out) that the
``journeyctl import`` commands call; the data is written with :func:`journeyctl.fmt.dump_map`.

- :mod:`journeyctl.importers.mermaid` — Mermaid ``journey`` diagrams, alone or in Markdown.
"""
