"""The before/after fixtures of the fixes (tests/fixtures/fixes/<fix>/<case>/), and how one is fixed.

``python tests/fixes_cases.py`` writes each case's ``after.yaml`` from its ``before.yaml``;
read the diff it produces before committing it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fixes"
TODAY = dt.date(2026, 12, 1)
CASES = sorted(p.parent.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("before.yaml"))


def fixed_bytes(case: str, folder: Path) -> bytes:
    """The bytes ``lint --fix --unsafe-fixes`` writes for the case, worked in ``folder``; only
    ``lint --fix`` when the case's folder holds a file named ``safe-only``."""
    unsafe = not (FIXTURES / case / "safe-only").exists()
    from journeyctl.loading.config import Config
    from journeyctl.review.fixes import workflow

    target = folder / "map.yaml"
    shutil.copyfile(FIXTURES / case / "before.yaml", target)
    run = workflow.fix_paths([str(target)], Config(root=folder), unsafe=unsafe, cwd=folder, today=TODAY)
    assert not workflow.write(run.files)
    return target.read_bytes()


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    for case in CASES:
        with tempfile.TemporaryDirectory() as folder:
            (FIXTURES / case / "after.yaml").write_bytes(fixed_bytes(case, Path(folder)))
        print(case)
