"""The bottom layer: how journeyctl words and escapes text, used by every other layer.

Plural words and word lists (:mod:`~journeyctl.text.wording`), escaping per output
language (:mod:`~journeyctl.text.escape`), strict JSON (:mod:`~journeyctl.text.strictjson`)
and the hints added to YAML errors (:mod:`~journeyctl.text.yamlhints`). Nothing here
imports another layer of journeyctl.
"""
