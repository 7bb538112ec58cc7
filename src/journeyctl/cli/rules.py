"""``journeyctl rules`` (the rule table) and ``journeyctl rule NAME|CODE`` (one rule's documentation)."""

from __future__ import annotations

import typer

from journeyctl.cli import common
from journeyctl.text.strictjson import dumps


def rules(
    output_format: str = typer.Option("text", "--format", metavar="FORMAT", help="text or json."),
) -> int:
    """List every rule: code, name, default severity, opt-in, summary."""
    from journeyctl.checks.rules import catalog as all_codes

    if output_format not in ("text", "json"):
        raise common.Failure(f"--format: unknown format {output_format!r} (expected text or json)")
    catalog = all_codes()
    if output_format == "json":
        rows = [
            {
                "code": r.code, "name": r.name, "severity": r.severity.label, "opt_in": r.opt_in,
                "validation": r.validation, "summary": r.summary, "options": r.options,
            }
            for r in catalog
        ]
        common.write_output(dumps(rows, indent=2) + "\n", None)
        return 0
    header = ("code", "name", "severity", "opt-in", "summary")
    table = [header] + [(r.code, r.name, r.severity.label, "yes" if r.opt_in else "", r.summary) for r in catalog]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] for row in table]
    common.write_output("\n".join(lines) + "\n", None)
    return 0


def rule(name: str = typer.Argument(..., metavar="NAME|CODE", help="A rule name (dead-end) or code (JM103).")) -> int:
    """Show one rule's documentation: what it does, why it matters, an example, the fix, options."""
    from journeyctl.checks.rule_docs import rule_text
    from journeyctl.checks.rules import catalog
    from journeyctl.loading.validate import suggest

    found = next((r for r in catalog() if name in (r.name, r.code) or name.upper() == r.code), None)
    if found is None:
        vocabulary = [r.name for r in catalog()] + [r.code for r in catalog()]
        raise common.Failure(f"unknown rule {name!r}{suggest(name, vocabulary)} (see 'journeyctl rules')")
    common.write_output(rule_text(found), None)
    return 0


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)
    app.command("rule")(rule)
