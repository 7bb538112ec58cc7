"""Check Mermaid text with the real Mermaid parser (Node.js, ``tests/mermaid/``).

``parse_mermaid(texts)`` runs ``tests/mermaid/parse.mjs`` once for the whole batch and
returns, for each text in order, ``None`` when it parses or the parser's error message.

The parser needs ``node`` on PATH and the packages installed by
``tests/mermaid/install.sh``. When they are missing, tests that need the parser are
skipped with the reason — except under CI (the ``CI`` environment variable is set),
where they fail: a renderer guarantee that is never checked is no guarantee.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

MERMAID_DIR = Path(__file__).resolve().parent / "mermaid"
PARSE_SCRIPT = MERMAID_DIR / "parse.mjs"
INSTALL_HINT = "run `bash tests/mermaid/install.sh` (needs Node.js and npm)"

# Loading mermaid costs about a second per process; a text already checked in this
# test session is not sent again.
_results: dict[str, str | None] = {}


def mermaid_unavailable_reason() -> str | None:
    """Why the Mermaid parser cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return f"Mermaid parser unavailable: `node` is not on PATH; {INSTALL_HINT}"
    for package in ("mermaid", "jsdom"):
        if not (MERMAID_DIR / "node_modules" / package / "package.json").is_file():
            return (
                f"Mermaid parser unavailable: npm package {package!r} is not installed "
                f"in {MERMAID_DIR}; {INSTALL_HINT}"
            )
    return None


def mermaid_available() -> bool:
    """Whether the Mermaid parser can run here."""
    return mermaid_unavailable_reason() is None


def require_mermaid() -> None:
    """Skip the calling test when the parser is unavailable; fail instead under CI."""
    reason = mermaid_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def parse_mermaid(texts: list[str]) -> list[str | None]:
    """Parse each diagram text; None for a text that parses, else the error message.

    Calls ``require_mermaid()`` first, so a test using it skips (or fails under CI)
    when the parser is unavailable. Raises RuntimeError when the parser process
    itself fails.
    """
    require_mermaid()
    texts = list(texts)
    if not all(isinstance(text, str) for text in texts):
        raise TypeError("parse_mermaid expects a list of str")
    pending = list(dict.fromkeys(text for text in texts if text not in _results))
    if pending:
        for text, result in zip(pending, _run_parser(pending), strict=True):
            _results[text] = result
    return [_results[text] for text in texts]


def _run_parser(texts: list[str]) -> list[str | None]:
    completed = subprocess.run(
        ["node", str(PARSE_SCRIPT)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=MERMAID_DIR,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{PARSE_SCRIPT.name} exited with {completed.returncode}: "
            f"{completed.stderr.strip()}"
        )
    results = json.loads(completed.stdout)
    if not isinstance(results, list) or len(results) != len(texts):
        raise RuntimeError(
            f"{PARSE_SCRIPT.name} answered {len(texts)} texts with {completed.stdout!r}"
        )
    return results
