"""``journeyctl import mermaid`` costs no more on hostile input than on the largest diagram
its limits admit.

The baseline is measured in the same test: a diagram right at the import's limits
(2,000 tasks and sections, 1,000 actors named 20,000 times). Every hostile input —
200,000 actors (33 s and 1.1 GB before the limits), 10 MB of text, a million Markdown
code blocks, 201 journey blocks — must end with a located error in at most twice the
baseline's time and memory (plus a little, for the baseline's own noise). The absolute
targets are in ``benchmarks/mermaid_import.py``.
"""

from __future__ import annotations

import pytest
from robustness_support import measure_cli

from journeyctl.importers.mermaid import Limits
from journeyctl.loading.config import DEFAULT_MAX_FILE_SIZE

LIMITS = Limits()


def at_the_limits() -> str:
    actors = [f"Actor {n:04d}" for n in range(LIMITS.actors)]
    per_task = LIMITS.actor_mentions // LIMITS.tasks
    lines = ["journey", "  title At the limits"]
    for n in range(LIMITS.tasks):
        names = ", ".join(actors[(n * per_task + k) % len(actors)] for k in range(per_task))
        lines += [f"  section Section {n}", f"    Task {n} with a name of ordinary length: {1 + n % 5}: {names}"]
    return "\n".join(lines) + "\n"


def _fill(unit: str, head: str = "") -> str:
    return head + unit * ((DEFAULT_MAX_FILE_SIZE - len(head) - 100) // len(unit))


# '%%' after a character: Mermaid's lexer reads each line as a comment, which the import
# warns about.
ACTORS_200K = "journey\n  section A\n    T: 5: " + ", ".join(f"A{n}" for n in range(200_000)) + "\n"
COMMENTS = _fill("x%%\n", "journey\n  section A\n    T: 5\n")
HOSTILE = {
    "200k-actors.mmd": (
        ACTORS_200K,
        f"200k-actors.mmd:1:1: the journey diagrams are {len(ACTORS_200K):,} characters long, over the "
        "1,000,000 an import reads (Mermaid itself draws at most 50,000)\n",
    ),
    "100k-actors.mmd": (
        "journey\n  section A\n    T: 5: " + ", ".join(f"A{n}" for n in range(100_000)) + "\n",
        f"100k-actors.mmd:3:{len('    T: 5: ' + ', '.join(f'A{n}' for n in range(LIMITS.actors))) + 3}: the "
        f"diagram has more than {LIMITS.actors:,} actors: over the import's limit\n",
    ),
    "comments.mmd": (
        COMMENTS,
        f"comments.mmd:1:1: the journey diagrams are {len(COMMENTS):,} characters long, over the "
        "1,000,000 an import reads (Mermaid itself draws at most 50,000)\n",
    ),
    "fences.md": (
        _fill("```\nx\n```\n"),
        "fences.md:1:1: no Mermaid journey diagram found: expected a ```mermaid (or ```mermaid-example) code "
        "block starting with 'journey'\n",
    ),
    "blocks.md": (
        "".join(f"```mermaid\njourney\n  section A\n    T{n}: 3: Me\n```\n" for n in range(LIMITS.diagrams + 1)),
        f"blocks.md:{5 * LIMITS.diagrams + 2}:1: more than {LIMITS.diagrams} journey diagrams: "
        "over the import's limit\n",
    ),
    "tasks.mmd": (
        "journey\n  section A\n" + "    T: 3: Me\n" * (LIMITS.tasks + 1),
        f"tasks.mmd:{LIMITS.tasks + 3}:5: more than {LIMITS.tasks:,} tasks: over the import's limit\n",
    ),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baseline")
    (folder / "limits.mmd").write_text(at_the_limits(), encoding="utf-8")
    outcome = measure_cli(["-q", "import", "mermaid", "limits.mmd", "-o", "limits.yaml"], folder)
    assert (outcome.code, outcome.err) == (0, "")
    text = (folder / "limits.yaml").read_text(encoding="utf-8")
    assert (text.count("\n  - id: task-"), text.count("\n  - id: actor-")) == (LIMITS.tasks, LIMITS.actors)
    return outcome


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_costs_no_more_than_the_largest_diagram_admitted(tmp_path, baseline, name):
    text, error = HOSTILE[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert len(text.encode("utf-8")) <= DEFAULT_MAX_FILE_SIZE
    outcome = measure_cli(["import", "mermaid", name, "-o", "out"], tmp_path)
    assert (outcome.code, outcome.out, outcome.err) == (1, "", error)
    assert not (tmp_path / "out").exists()
    assert outcome.seconds < 2 * baseline.seconds + 0.5, (outcome.seconds, baseline.seconds)
    assert outcome.extra_rss_mb < 2 * baseline.extra_rss_mb + 50, (outcome.extra_rss_mb, baseline.extra_rss_mb)
