"""``journeyctl clean``: remove the lint cache of the workspace."""

from __future__ import annotations

import typer

from journeyctl.cli import common


def clean() -> int:
    """Remove the lint cache (.journeyctl_cache/ at the workspace root)."""
    from journeyctl.loading.cache import CACHE_DIR, clean as remove

    config = common.load_config()
    try:
        removed = remove(config.root.resolve())
    except OSError as exc:
        raise common.Failure(f"{CACHE_DIR}: cannot remove: {exc.strerror}") from None
    if not common.STATE.quiet:
        common.write_output(f"Removed {CACHE_DIR}/\n" if removed else "No cache to remove.\n", None)
    return 0


def register(app: typer.Typer) -> None:
    app.command("clean")(clean)
