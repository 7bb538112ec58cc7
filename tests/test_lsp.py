"""`journeyctl lsp` driven as an editor drives it: over stdio, with a real LSP client.

The workspace (tests/fixtures/lsp, copied for each test) holds a catalog and two journeys,
`booking` linking to `aftercare`. Diagnostics are compared with what
`journeyctl lint --format json` reports for the same text.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install 'journeyctl[lsp]')")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="the language server tests need pytest-lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "lsp"
SOURCE = Path(__file__).resolve().parent.parent / "src"
TODAY = "2026-10-01"
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")])),
    "JOURNEYCTL_TODAY": TODAY,
}
pytestmark = pytest.mark.asyncio


def accept_registrations(client: LanguageClient) -> None:
    """Answer the server's requests to watch files as VS Code does, keeping what it asked."""
    client.registrations = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "journeyctl", "lsp"], server_env=ENV))
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    root = request.getfixturevalue("tmp_path") / "maps-repo"
    shutil.copytree(FIXTURE, root)
    lsp_client.root = root
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="maps-repo")],
    ))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "journeyctl", "lsp"], server_env=ENV))
async def defaults_client(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    """A client that takes one edit range for all the items of a completion list."""
    root = request.getfixturevalue("tmp_path") / "maps-repo"
    shutil.copytree(FIXTURE, root)
    lsp_client.root = root
    accept_registrations(lsp_client)
    capabilities = client_capabilities("visual-studio-code")
    capabilities.text_document.completion.completion_list = lsp.CompletionListCapabilities(item_defaults=["editRange"])
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=capabilities, root_uri=root.as_uri()))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "journeyctl", "lsp"], server_env=ENV))
async def unwatching_client(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    """A client that cannot be asked to watch files (Neovim's capabilities): it never says
    that a file changed on disk."""
    root = request.getfixturevalue("tmp_path") / "maps-repo"
    shutil.copytree(FIXTURE, root)
    lsp_client.root = root
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=root.as_uri(),
    ))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "journeyctl", "lsp"], server_env=ENV))
async def badly_configured_client(lsp_client: LanguageClient, request: pytest.FixtureRequest):
    """A client opening a workspace whose journeyctl.toml is wrong from the start."""
    root = request.getfixturevalue("tmp_path") / "maps-repo"
    shutil.copytree(FIXTURE, root)
    (root / "journeyctl.toml").write_text("fail-on = 'sometimes'\n", encoding="utf-8")
    lsp_client.root = root
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="maps-repo")],
    ))
    yield
    await lsp_client.shutdown_session()


def uri(client: LanguageClient, name: str) -> str:
    return (client.root / name).as_uri()


async def open_map(client: LanguageClient, name: str) -> list[lsp.Diagnostic]:
    """Open a file of the workspace as it is on disk; its first diagnostics."""
    text = (client.root / name).read_text(encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri(client, name), language_id="yaml", version=1, text=text)
    ))
    return await diagnostics_of(client, name)


async def diagnostics_of(client: LanguageClient, name: str) -> list[lsp.Diagnostic]:
    """The next diagnostics published for ``name``."""
    while True:
        params = await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
        if params.uri == uri(client, name):
            return list(params.diagnostics)


def replace_all(client: LanguageClient, name: str, text: str, version: int) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri(client, name), version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
    ))


def edit(client: LanguageClient, name: str, line: int, start: int, end: int, text: str, version: int) -> None:
    """Replace UTF-16 columns ``start``–``end`` of ``line`` with ``text``, as editors send a keystroke."""
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri(client, name), version=version),
        content_changes=[lsp.TextDocumentContentChangePartial(
            range=lsp.Range(lsp.Position(line, start), lsp.Position(line, end)), text=text,
        )],
    ))


def lint_json(root: Path, name: str) -> list[tuple]:
    """What `journeyctl lint --format json` reports for ``name``, in LSP terms: UTF-16
    ranges (0-based), code, message and severity."""
    done = subprocess.run(
        [sys.executable, "-m", "journeyctl", "lint", "--format", "json", name],
        cwd=root, env=ENV, capture_output=True, text=True, check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    lines = (root / name).read_text(encoding="utf-8").split("\n")
    severities = {"error": 1, "warning": 2, "info": 3}

    def units(line: int, column: int) -> int:
        text = lines[line - 1] if line - 1 < len(lines) else ""
        return len(text[: column - 1].encode("utf-16-le")) // 2 + max(column - 1 - len(text), 0)

    return [
        (f["code"], (f["line"] - 1, units(f["line"], f["column"]), f["end_line"] - 1, units(f["end_line"], f["end_column"])),
         f["message"], severities[f["severity"]])
        for f in json.loads(done.stdout)["findings"]
    ]


def seen(diagnostics: list[lsp.Diagnostic]) -> list[tuple]:
    return [
        (d.code, (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
         d.message, int(d.severity))
        for d in diagnostics
    ]


async def test_diagnostics_on_open_are_the_lint_findings(client: LanguageClient) -> None:
    diagnostics = await open_map(client, "maps/booking.yaml")
    assert seen(diagnostics) == lint_json(client.root, "maps/booking.yaml")
    assert seen(diagnostics) == [
        ("JM302", (16, 13, 16, 15),
         "touchpoint 'search' has emotion -1, below neutral (0), but no pain point says why: add one to 'pain_points'", 2),
        ("JM005", (37, 50, 37, 87), "unused suppression of JM103 dead-end: no such finding on line 38", 2),
        ("JM005", (37, 50, 37, 87), "unused suppression of JM108 backward-transition: no such finding on line 38", 2),
    ]
    assert {d.source for d in diagnostics} == {"journeyctl"}
    assert diagnostics[0].code_description.href == "https://journeyctl.dev/docs/rules#jm302-low-emotion-unexplained"


async def test_an_edit_republishes_with_utf16_columns(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    # line 18: `    next: [call-office]` becomes `    next: ["📞 ☎", call-offic]`
    edit(client, "maps/booking.yaml", 17, 11, 22, '"📞 ☎", call-offic', version=2)
    diagnostics = await diagnostics_of(client, "maps/booking.yaml")
    text = (client.root / "maps/booking.yaml").read_text(encoding="utf-8").replace(
        "next: [call-office]", 'next: ["📞 ☎", call-offic]'
    )
    (client.root / "maps/booking.yaml").write_text(text, encoding="utf-8")
    assert seen(diagnostics) == lint_json(client.root, "maps/booking.yaml")
    unknown = [d for d in diagnostics if d.code == "JM003"]
    # the emoji is two UTF-16 units: the reference starts at character 18, unit 19
    assert seen(unknown) == [(
        "JM003", (17, 19, 17, 29),
        "touchpoint 'search': unknown touchpoint 'call-offic' — did you mean 'call-office'?", 1,
    )]


async def test_unsaved_buffers_of_other_files_count(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    await open_map(client, "maps/aftercare.yaml")
    await diagnostics_of(client, "maps/booking.yaml")  # checked again: it links to aftercare
    # aftercare's touchpoint `survey` is renamed in its buffer only: booking's link breaks
    text = (client.root / "maps/aftercare.yaml").read_text(encoding="utf-8").replace("id: survey", "id: poll")
    replace_all(client, "maps/aftercare.yaml", text, version=2)
    diagnostics = await diagnostics_of(client, "maps/booking.yaml")
    assert [(d.code, d.message) for d in diagnostics if d.code == "JM003"] == [
        ("JM003", "touchpoint 'booked': journey 'aftercare' has no touchpoint 'survey'"),
    ]


async def completion_labels(client: LanguageClient, name: str, line: int, character: int) -> list[str]:
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)),
        position=lsp.Position(line, character),
    ))
    return [item.label for item in result.items]


async def test_completion_of_ids_and_enum_values(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"
    assert await completion_labels(client, name, 12, 11) == ["book", "discover"]  # stage: |discover
    assert await completion_labels(client, name, 22, 11) == ["dispatch", "reception"]  # owner:
    assert await completion_labels(client, name, 17, 11) == ["booked", "call-office", "search"]  # next: [|
    assert await completion_labels(client, name, 17, 15) == ["call-office"]  # next: [call|
    assert await completion_labels(client, name, 13, 13) == [  # channel: |
        "app", "chat", "chatbot", "email", "faq", "in-person", "knowledge-base", "mail", "messaging", "phone",
        "print", "self-service", "sms", "social", "video", "web", "yard-sign",
    ]
    assert await completion_labels(client, name, 41, 16) == ["booked", "call-office", "on-hold", "search"]
    assert await completion_labels(client, name, 14, 10) == ["backstage", "customer", "frontstage", "support"]
    assert await completion_labels(client, name, 42, 14) == ["could", "must", "should", "wont"]
    assert await completion_labels(client, name, 45, 12) == ["done", "dropped", "idea", "in-progress", "planned"]
    # the journey and its touchpoints in a cross-journey link
    assert await completion_labels(client, name, 37, 18) == ["aftercare", "booking"]
    assert await completion_labels(client, name, 37, 41) == ["survey"]


async def test_completion_on_half_typed_yaml(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"
    # a new transition being typed: the buffer does not parse
    edit(client, name, 27, 0, 0, "      - {to: bo\n", version=2)
    edit(client, name, 27, 15, 15, "", version=3)
    assert await completion_labels(client, name, 27, 15) == ["booked"]
    edit(client, name, 28, 0, 0, "      - {journey: aftercare, touchpoint: \n", version=4)
    assert await completion_labels(client, name, 28, 41) == ["survey"]
    edit(client, name, 29, 0, 0, "    emotion: {home\n", version=5)
    assert await completion_labels(client, name, 29, 18) == ["homeowner"]
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), position=lsp.Position(29, 18),
    ))
    assert result.items[0].text_edit.range == lsp.Range(lsp.Position(29, 14), lsp.Position(29, 18))
    assert result.items[0].detail == "Homeowner in a hurry"
    assert result.item_defaults is None


async def test_completion_sends_one_edit_range_to_a_client_that_takes_it(defaults_client: LanguageClient) -> None:
    client = defaults_client
    await open_map(client, "maps/booking.yaml")
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, "maps/booking.yaml")), position=lsp.Position(17, 15),
    ))
    assert [(item.label, item.text_edit) for item in result.items] == [("call-office", None)]
    assert result.item_defaults.edit_range == lsp.Range(lsp.Position(17, 11), lsp.Position(17, 15))


async def hover_at(client: LanguageClient, name: str, line: int, character: int) -> str | None:
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), position=lsp.Position(line, character),
    ))
    return result.contents.value if result is not None else None


async def test_hover(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"
    # a reference to a touchpoint (next: [call-office])
    assert await hover_at(client, name, 17, 14) == (
        "**Calls the office** — touchpoint `call-office`\n\n"
        "stage: `book` · channel: `phone` · owner: `reception` · emotion: -2"
    )
    # a touchpoint of another journey, in a cross-journey link
    assert await hover_at(client, name, 37, 43) == (
        "**Answers a survey** — touchpoint `survey`\n\n"
        "stage: `follow-up` · channel: `yard-sign` · lane: `customer` · emotion: 1"
    )
    assert await hover_at(client, name, 13, 14) == "**Website** — built-in channel `web` (digital)"
    assert await hover_at(client, name, 3, 9) == "**Reception** — team `reception`"
    # a rule's code in a suppression comment, and a rule's finding
    assert await hover_at(client, name, 37, 72) == (
        "**JM108 backward-transition** (info)\n\nA transition goes back to an earlier stage."
    )
    assert await hover_at(client, name, 16, 14) == (
        "**JM302 low-emotion-unexplained** (warning)\n\n"
        "A touchpoint's emotion is below neutral and no pain point explains it."
    )
    assert await hover_at(client, name, 11, 4) is None


def spans(locations: list[lsp.Location], root: Path) -> list[tuple]:
    return [
        (Path.from_uri(loc.uri).relative_to(root).as_posix() if hasattr(Path, "from_uri")
         else loc.uri.removeprefix(root.as_uri() + "/"),
         loc.range.start.line, loc.range.start.character, loc.range.end.line, loc.range.end.character)
        for loc in locations
    ]


async def test_definition_across_files(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"

    async def definition(line: int, character: int) -> list[tuple]:
        result = await client.text_document_definition_async(lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), position=lsp.Position(line, character),
        ))
        return spans(result, client.root)

    assert await definition(17, 12) == [("maps/booking.yaml", 18, 8, 18, 19)]  # next: [call-office]
    assert await definition(37, 20) == [("maps/aftercare.yaml", 1, 4, 1, 13)]  # journey: aftercare
    assert await definition(37, 44) == [("maps/aftercare.yaml", 9, 8, 9, 14)]  # touchpoint: survey
    assert await definition(5, 12) == [("catalog.yaml", 3, 8, 3, 17)]  # personas: [homeowner]
    assert await definition(13, 14) == []  # a built-in channel has no definition


async def test_references_across_files(client: LanguageClient) -> None:
    await open_map(client, "catalog.yaml")

    async def references(line: int, character: int, declaration: bool) -> list[tuple]:
        result = await client.text_document_references_async(lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(client, "catalog.yaml")),
            position=lsp.Position(line, character), context=lsp.ReferenceContext(include_declaration=declaration),
        ))
        return spans(result, client.root)

    assert await references(9, 12, True) == [  # team reception
        ("catalog.yaml", 9, 9, 9, 18),
        ("maps/booking.yaml", 3, 7, 3, 16),
        ("maps/booking.yaml", 22, 11, 22, 20),
        ("maps/booking.yaml", 44, 11, 44, 20),
    ]
    assert await references(7, 10, False) == [  # channel yard-sign
        ("catalog.yaml", 5, 32, 5, 41),
        ("maps/aftercare.yaml", 12, 13, 12, 22),
    ]


async def test_rename_is_one_workspace_edit(client: LanguageClient) -> None:
    await open_map(client, "maps/aftercare.yaml")
    name = "maps/aftercare.yaml"
    prepared = await client.text_document_prepare_rename_async(lsp.PrepareRenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), position=lsp.Position(9, 10),
    ))
    assert prepared.placeholder == "survey"
    assert prepared.range == lsp.Range(lsp.Position(9, 8), lsp.Position(9, 14))
    result = await client.text_document_rename_async(lsp.RenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), position=lsp.Position(9, 10),
        new_name="feedback-survey",
    ))
    assert {
        Path(u).name: [(e.range.start.line, e.range.start.character, e.range.end.character, e.new_text) for e in edits]
        for u, edits in result.changes.items()
    } == {
        "aftercare.yaml": [(9, 8, 14, "feedback-survey")],
        "booking.yaml": [(37, 41, 47, "feedback-survey")],
    }


async def test_rename_refuses_what_would_break_the_map(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"

    async def refusal(line: int, character: int, new: str) -> str:
        with pytest.raises(Exception) as caught:
            await client.text_document_rename_async(lsp.RenameParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), position=lsp.Position(line, character),
                new_name=new,
            ))
        return caught.value.message

    assert await refusal(17, 12, "search") == "cannot rename touchpoint 'call-office' to 'search': 'search' already exists"
    assert await refusal(17, 12, "Call Office") == (
        "'Call Office' is not a valid id: use lowercase letters, digits and '-', starting with a letter or digit"
    )
    assert await refusal(13, 14, "website") == (
        "'web' is a built-in channel and cannot be renamed: declare a channel of your own under 'channels:' "
        "and use its id instead"
    )
    assert await refusal(37, 72, "JM109") == "'JM108' names a rule: rule codes and names cannot be renamed"


async def test_code_action_replaces_an_unknown_reference(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"
    edit(client, name, 20, 11, 15, "bok", version=2)  # stage: book → stage: bok
    diagnostics = await diagnostics_of(client, name)
    unknown = [d for d in diagnostics if d.code == "JM003"]
    assert seen(unknown) == [(
        "JM003", (20, 11, 20, 14), "touchpoint 'call-office': unknown stage 'bok' — did you mean 'book'?", 1,
    )]
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), range=unknown[0].range,
        context=lsp.CodeActionContext(diagnostics=unknown),
    ))
    assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
        ("Replace 'bok' with 'book'", lsp.CodeActionKind.QuickFix, True),
        ("Fix all safely fixable journeyctl findings", "source.fixAll.journeyctl", None),
    ]
    assert {u: list(edits) for u, edits in actions[0].edit.changes.items()} == {
        uri(client, name): [lsp.TextEdit(range=unknown[0].range, new_text="book")],
    }
    # a map that does not validate gets no other findings: fixing all is fixing the stage
    assert {u: list(edits) for u, edits in actions[1].edit.changes.items()} == {
        uri(client, name): [lsp.TextEdit(range=unknown[0].range, new_text="book")],
    }


async def test_fix_all_applies_the_safe_fixes_that_do_not_collide(client: LanguageClient) -> None:
    diagnostics = await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)),
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        context=lsp.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
    ))
    assert [a.title for a in actions] == ["Fix all safely fixable journeyctl findings"]
    # both names of `ignore[JM108, dead-end]` are unused; removing one touches the other,
    # so one is removed now and the other is offered again on the new text
    assert [
        (e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.new_text)
        for e in actions[0].edit.changes[uri(client, name)]
    ] == [(37, 71, 37, 78, "")]
    # the quick fix of one unused name, asked for with its diagnostic
    unused = [d for d in diagnostics if d.code == "JM005"]
    quick = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(client, name)), range=unused[0].range,
        context=lsp.CodeActionContext(diagnostics=unused[:1], only=[lsp.CodeActionKind.QuickFix]),
    ))
    assert [(a.title, a.is_preferred) for a in quick] == [
        ("Remove 'dead-end' from the unused suppression '# journeyctl: ignore[JM108, dead-end]'", True),
    ]


async def test_a_burst_of_changes_is_checked_once_at_its_end(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    name = "maps/booking.yaml"
    for version, letter in enumerate("xyz", start=2):  # stage: book → bookx → bookxy → bookxyz
        edit(client, name, 20, 15 + version - 2, 15 + version - 2, letter, version=version)
    params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert (params.uri, params.version) == (uri(client, name), 4)
    assert [d.message for d in params.diagnostics if d.code == "JM003"] == [
        "touchpoint 'call-office': unknown stage 'bookxyz' — did you mean 'book'?",
    ]


async def test_a_bad_configuration_is_shown_not_crashed_on(badly_configured_client: LanguageClient) -> None:
    client = badly_configured_client
    text = (client.root / "maps/booking.yaml").read_text(encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri(client, "maps/booking.yaml"), language_id="yaml", version=1, text=text)
    ))
    # The message may come while the server reads the workspace, before the map is opened:
    # the client keeps every message shown, so wait (bounded) until there is one.
    async def first_message() -> lsp.ShowMessageParams:
        while not client.messages:
            await asyncio.sleep(0.05)
        return client.messages[0]

    shown = await asyncio.wait_for(first_message(), 60)
    assert shown.type == lsp.MessageType.Error
    assert shown.message == (
        f"{(client.root / 'journeyctl.toml').resolve()}: 'fail-on': must be 'error', 'warning' or 'info', not 'sometimes'"
    )
    # published with the message, perhaps before this test looks: the client keeps the last
    async def published() -> list[lsp.Diagnostic]:
        while uri(client, "maps/booking.yaml") not in client.diagnostics:
            await asyncio.sleep(0.05)
        return client.diagnostics[uri(client, "maps/booking.yaml")]

    assert list(await asyncio.wait_for(published(), 60)) == []
    # the server still answers
    assert await completion_labels(client, "maps/booking.yaml", 12, 11) == ["book", "discover"]


def write(client: LanguageClient, name: str, text: str, change: lsp.FileChangeType = lsp.FileChangeType.Changed) -> None:
    """Write ``name`` on disk and tell the server, as a client watching files does."""
    (client.root / name).write_text(text, encoding="utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=uri(client, name), type=change)],
    ))


async def test_the_server_asks_a_client_that_can_to_watch_its_files(client: LanguageClient) -> None:
    async def registered() -> list[lsp.Registration]:
        while not client.registrations:
            await asyncio.sleep(0.05)
        return client.registrations

    registrations = await asyncio.wait_for(registered(), 60)
    # the client receives the options as plain JSON
    assert [(r.method, [w["globPattern"] for w in r.register_options["watchers"]]) for r in registrations] == [
        (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, ["**/journeyctl.toml", "**/pyproject.toml", "**/*.{yaml,yml}"]),
    ]


async def test_a_configuration_changed_on_disk_checks_the_open_maps_again(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    write(client, "journeyctl.toml", 'ignore = ["JM302"]\n')
    diagnostics = await diagnostics_of(client, "maps/booking.yaml")
    assert seen(diagnostics) == lint_json(client.root, "maps/booking.yaml")
    assert [d.code for d in diagnostics] == ["JM005", "JM005"]
    # a configuration gone wrong is said once, and a mended one is used again
    write(client, "journeyctl.toml", "fail-on = 'sometimes'\n")
    assert await diagnostics_of(client, "maps/booking.yaml") == []
    assert client.messages[-1].message.endswith("'fail-on': must be 'error', 'warning' or 'info', not 'sometimes'")
    write(client, "journeyctl.toml", "# back to the defaults\n")
    assert [d.code for d in await diagnostics_of(client, "maps/booking.yaml")] == ["JM302", "JM005", "JM005"]


async def test_a_catalog_changed_on_disk_checks_the_open_maps_again(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    catalog = (client.root / "catalog.yaml").read_text(encoding="utf-8")
    write(client, "catalog.yaml", catalog.replace("  - {id: dispatch, name: Dispatch}\n", ""))
    diagnostics = await diagnostics_of(client, "maps/booking.yaml")
    assert seen(diagnostics) == lint_json(client.root, "maps/booking.yaml")
    assert [(d.code, d.message) for d in diagnostics if d.code == "JM003"] == [
        ("JM003", "touchpoint 'booked': unknown team 'dispatch'"),
    ]
    # and the ids offered follow the catalog
    assert await completion_labels(client, "maps/booking.yaml", 22, 11) == ["reception"]


async def test_a_linked_journey_changed_on_disk_checks_the_open_maps_again(client: LanguageClient) -> None:
    await open_map(client, "maps/booking.yaml")
    aftercare = (client.root / "maps/aftercare.yaml").read_text(encoding="utf-8")
    write(client, "maps/aftercare.yaml", aftercare.replace("id: survey", "id: poll"))
    diagnostics = await diagnostics_of(client, "maps/booking.yaml")
    assert seen(diagnostics) == lint_json(client.root, "maps/booking.yaml")
    assert [(d.code, d.message) for d in diagnostics if d.code == "JM003"] == [
        ("JM003", "touchpoint 'booked': journey 'aftercare' has no touchpoint 'survey'"),
    ]


async def test_files_changed_on_disk_count_at_the_next_check_when_no_one_says_so(
    unwatching_client: LanguageClient,
) -> None:
    client = unwatching_client
    name = "maps/booking.yaml"
    text = (client.root / name).read_text(encoding="utf-8")
    await open_map(client, name)
    (client.root / "journeyctl.toml").write_text('ignore = ["JM302"]\n', encoding="utf-8")
    replace_all(client, name, text + "\n", version=2)  # the next keystroke
    diagnostics = await diagnostics_of(client, name)
    (client.root / name).write_text(text + "\n", encoding="utf-8")
    assert seen(diagnostics) == lint_json(client.root, name)
    assert [d.code for d in diagnostics] == ["JM005", "JM005"]
    catalog = (client.root / "catalog.yaml").read_text(encoding="utf-8")
    (client.root / "catalog.yaml").write_text(catalog.replace("  - {id: dispatch, name: Dispatch}\n", ""), "utf-8")
    replace_all(client, name, text, version=3)
    diagnostics = await diagnostics_of(client, name)
    (client.root / name).write_text(text, encoding="utf-8")
    assert seen(diagnostics) == lint_json(client.root, name)
    assert [d.code for d in diagnostics] == ["JM003"]
