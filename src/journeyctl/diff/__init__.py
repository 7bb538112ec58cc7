"""What changed between two versions of a set of maps, in journey terms (``journeyctl diff``).

Data flows one way through the package:

- :mod:`~journeyctl.diff.elements`: the identifiable things of one map (touchpoints,
  transitions, pain points…), also what ``journeyctl show`` lists;
- :mod:`~journeyctl.diff.compare`: the changes between two versions of one map;
- :mod:`~journeyctl.diff.sides`: loading and linting both versions of the maps, matching
  journeys across them and splitting the lint findings into introduced and fixed;
- :mod:`~journeyctl.diff.git`: the versions of a git revision (``--git``);
- :mod:`~journeyctl.diff.results`: what a diff found, shared by all of the above and
  the renderers;
- :mod:`~journeyctl.diff.render` and its ``render_text``, ``render_md`` and
  ``render_json`` modules: the result as sentences, a pull-request comment or JSON;
  :mod:`~journeyctl.diff.sentences` holds the words the text and Markdown reports share.
"""
