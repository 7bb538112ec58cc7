"""PNG and PDF of the canvas through headless Chromium (Debian's ``chromium`` package).

The page is written into a temporary folder and Chromium is run on it directly as a
child process: no network, no profile of the user's (a temporary ``--user-data-dir``),
no component updates, and a time limit. Every way it can go wrong ends in one
:class:`ChromiumError` line for the user.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Seconds Chromium may take to print one canvas.
CHROMIUM_TIMEOUT = 120
#: The names Chromium's executable goes by, in the order they are looked for.
EXECUTABLES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_MISSING = (
    "Chromium not found: install it (apt-get install chromium, brew install --cask chromium) "
    "or use --to html or --to svg"
)
#: Room around the canvas in a screenshot (the page's margins), in CSS pixels.
PAGE_MARGIN = 48


class ChromiumError(Exception):
    """Chromium is missing or failed: one line for the user."""


def chromium_executable() -> str | None:
    for name in EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    return None


def base_command(executable: str, profile: Path) -> list[str]:
    """Chromium headless with everything that could reach the network or the user's profile off."""
    return [
        executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-first-run",
        "--no-default-browser-check", "--hide-scrollbars", "--mute-audio", "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
    ]


def print_page(page: str, to: str, width: float, height: float) -> bytes:
    """``page`` (HTML) as ``png`` (a screenshot ``width`` × ``height`` plus margins) or ``pdf``."""
    executable = chromium_executable()
    if executable is None:
        raise ChromiumError(CHROMIUM_MISSING)
    with tempfile.TemporaryDirectory(prefix="journeyctl-canvas-") as folder:
        work = Path(folder)
        source = work / "canvas.html"
        source.write_text(page, encoding="utf-8")
        target = work / f"canvas.{to}"
        command = base_command(executable, work / "profile")
        if to == "png":
            height = _page_height(command, work, page, width) or height
            size = f"{int(width) + PAGE_MARGIN},{int(height)}"
            command += [f"--window-size={size}", f"--screenshot={target}"]
        else:
            command += ["--no-pdf-header-footer", f"--print-to-pdf={target}"]
        command.append(source.as_uri())
        run(command)
        if not target.exists():
            raise ChromiumError(f"Chromium wrote no {to.upper()}")
        return target.read_bytes()


#: Written into a copy of the page to learn its height: the browser's fonts decide it.
_MEASURE = (
    "<script>window.addEventListener('load', function () {"
    "var m = document.createElement('meta'); m.name = 'journeyctl-height';"
    "m.content = String(Math.ceil(document.documentElement.scrollHeight));"
    "document.head.appendChild(m); });</script>"
)
_HEIGHT = re.compile(r'<meta name="journeyctl-height" content="(\d+)">')


def _page_height(command: list[str], work: Path, page: str, width: float) -> int | None:
    """The height of ``page`` laid out ``width`` wide, read back from the browser (a
    screenshot is as tall as the window)."""
    probe = work / "measure.html"
    probe.write_text(page.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    done = run(command + [f"--window-size={int(width) + PAGE_MARGIN},800", "--dump-dom", probe.as_uri()])
    found = _HEIGHT.search(done.stdout.decode("utf-8", "replace"))
    return int(found.group(1)) if found else None


def run(command: list[str]) -> subprocess.CompletedProcess:
    """Run Chromium; its failure, or running over :data:`CHROMIUM_TIMEOUT`, is a :class:`ChromiumError`."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=CHROMIUM_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ChromiumError(f"Chromium did not finish within {CHROMIUM_TIMEOUT} seconds") from None
    except FileNotFoundError:
        raise ChromiumError(CHROMIUM_MISSING) from None
    except OSError as exc:
        raise ChromiumError(f"cannot run Chromium: {exc.strerror}") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if "ERROR" in line or line]
        raise ChromiumError(f"Chromium failed: {lines[-1] if lines else f'exit status {done.returncode}'}")
    return done
