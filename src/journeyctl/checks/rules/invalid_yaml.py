"""The file is not YAML that journeyctl accepts.

What it does
------------
Reports a file that cannot be read as one plain YAML document: a syntax error, a tab
used for indentation, a duplicate key, several documents in one file, text that is not
UTF-8 (or UTF-16/32 with a byte-order mark), a control character, a tag that would
construct an object (``!!python/object``), a merge key (``<<``), an alias that refers to
itself, and anything over the resource limits: file size (``max-file-size``), touchpoints
in one journey (``max-touchpoints``), nesting depth and alias expansion (see
``docs/security.md``).

Why it matters
--------------
Nothing else can be checked until the file parses. YAML parsers disagree about many of
these cases and some silently keep the last of two duplicate keys, so a map that one tool
reads differently from another is an error, not a warning.

Example
-------
.. code-block:: yaml

    touchpoints:
      - id: search
        name: Searches for a plumber
        name: Searches online

Fix
---
.. code-block:: yaml

    touchpoints:
      - id: search
        name: Searches online for a plumber
"""

from journeyctl.model.findings import Severity

CODE = "JM001"
NAME = "invalid-yaml"
SEVERITY = Severity.ERROR
VALIDATION = True
