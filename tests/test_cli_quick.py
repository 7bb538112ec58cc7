"""``--help``, ``-h`` and ``--version`` alone are answered without building the command
line: the text must be the very one typer writes, at every terminal width."""

from __future__ import annotations

import pytest

from journeyctl import __version__
from journeyctl.cli import quick, run


def typer_output(args, capsys, monkeypatch) -> tuple[int, str]:
    # A global option before --help makes the run take the ordinary path through typer.
    monkeypatch.setattr(quick, "answer", lambda arg: pytest.fail("the quick path was taken"))
    code = run(args)
    monkeypatch.undo()
    return code, capsys.readouterr().out


@pytest.mark.parametrize("columns", ["40", "50", "61", "72", "80", "81", "132"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_quick_help_is_byte_for_byte_what_typer_prints(flag, columns, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", columns)
    code, slow = typer_output(["--debug", flag], capsys, monkeypatch)
    monkeypatch.setenv("COLUMNS", columns)
    assert code == 0
    assert run([flag]) == 0
    fast = capsys.readouterr().out
    assert fast == slow
    assert fast.startswith("Usage: journeyctl [OPTIONS] COMMAND [ARGS]...\n\n  Customer journey maps")


def test_quick_help_lists_every_command(capsys, monkeypatch):
    from journeyctl.cli import COMMANDS

    assert sorted(name for name, _ in quick.COMMAND_HELP) == sorted(COMMANDS)
    monkeypatch.setenv("COLUMNS", "80")
    run(["--help"])
    out = capsys.readouterr().out
    assert "\n  lint      Validate journey maps and run the lint rules; --fix applies...\n" in out
    assert "\n  rules     List every rule: code, name, default severity, opt-in, summary.\n" in out


def test_quick_version_is_what_typer_prints(capsys, monkeypatch):
    code, slow = typer_output(["--debug", "--version"], capsys, monkeypatch)
    assert code == 0
    assert run(["--version"]) == 0
    assert capsys.readouterr().out == slow == f"journeyctl {__version__}\n"


TEXTS = [
    "Show changes in journey terms: touchpoints, transitions, emotions.",
    "Remove the cache. Then more.",
    "Ελέγχει τους χάρτες ταξιδιού των πελατών και αναφέρει κάθε εύρημα",
    "Проверяет карты пути клиента; исправляет то, что умеет.",
    "顧客の旅程を検証します 🚀 すべての規則を実行",
    "one",
    "",
]


@pytest.mark.parametrize("limit", [5, 12, 20, 30, 45, 72])
def test_short_help_cuts_like_click(limit):
    try:
        from typer._click.utils import make_default_short_help
    except ImportError:  # pragma: no cover - older typer depends on click itself
        from click.utils import make_default_short_help
    for text in TEXTS:
        assert quick._short_help(text, limit) == make_default_short_help(text, limit)
    assert quick._short_help(TEXTS[0], 45) == "Show changes in journey terms:..."
    assert quick._short_help(TEXTS[1], 45) == "Remove the cache."
