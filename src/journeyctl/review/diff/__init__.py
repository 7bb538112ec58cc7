"""What changed between two versions of a set of maps, in journey terms (``journeyctl diff``).

Data flows one way through the package:

- :mod:`~journeyctl.review.diff.elements`: the identifiable things of one map (touchpoints,
  transitions, pain points…), also what ``journeyctl show`` lists;
- :mod:`~journeyctl.review.diff.compare`: the changes between two versions of one map;
- :mod:`~journeyctl.review.diff.sides`: loading and linting both versions of the maps, matching
  journeys across them and splitting the lint findings into introduced and fixed;
- :mod:`~journeyctl.review.diff.git`: the versions of a git revision (``--git``);
- :mod:`~journeyctl.review.diff.results`: what a diff found, shared by all of the above and
  the renderers;
- :mod:`~journeyctl.review.diff.render` and its ``render_text``, ``render_md`` and
  ``render_json`` modules: the result as sentences, a pull-request comment or JSON;
  :mod:`~journeyctl.review.diff.sentences` holds the words the text and Markdown reports share.
"""
