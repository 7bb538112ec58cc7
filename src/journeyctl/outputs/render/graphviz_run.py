"""Running Graphviz ``dot`` on DOT text, for svg, png and pdf output.

``dot`` is run directly as a child process rather than through the ``graphviz`` Python
package: the package adds nothing but a command line and two exception classes, and its
time limit is only reachable through private functions. Every way it can go wrong ends
in one :class:`DotError` line for the user.
"""

from __future__ import annotations

import shutil
import subprocess

#: Seconds Graphviz may take to lay out one map.
DOT_TIMEOUT = 120
DOT_MISSING = "Graphviz 'dot' not found: install it (apt-get install graphviz, brew install graphviz) or use --to dot"


class DotError(Exception):
    """Graphviz is missing or failed, or the map is too large for it: one line for the user."""


def run_dot(dot_text: str, output_format: str) -> bytes:
    """Run Graphviz ``dot`` on ``dot_text`` and return the ``svg``/``png``/``pdf`` bytes.

    A layout that runs longer than :data:`DOT_TIMEOUT` is stopped and reported.
    """
    if shutil.which("dot") is None:
        raise DotError(DOT_MISSING)
    try:
        # A time limit: Graphviz's layout grows much faster than the map, and a few hundred
        # touchpoints with crossing transitions kept it busy for over ten minutes.
        done = subprocess.run(
            ["dot", "-Kdot", f"-T{output_format}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise DotError(
            f"Graphviz 'dot' did not finish laying out the map within {DOT_TIMEOUT} seconds: "
            "use --to mermaid, or --to dot and lay it out with other settings"
        ) from None
    except FileNotFoundError:
        raise DotError(DOT_MISSING) from None
    except OSError as exc:
        raise DotError(f"cannot run Graphviz 'dot': {exc.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise DotError(f"Graphviz 'dot' failed: {message[-1] if message else f'exit status {done.returncode}'}")
    return done.stdout
