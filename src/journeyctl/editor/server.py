"""The language server: what ``journeyctl lsp`` speaks to an editor over stdio.

- Diagnostics: the findings of ``journeyctl lint`` for the same text and workspace, when a
  map is opened and :data:`DEBOUNCE` seconds after the last change (a run the next change
  makes stale is cancelled, and its result never published); each links its rule's page.
- Completion of ids and enum values, hover, go to definition, find references, rename
  (one workspace edit) and code actions, from :mod:`journeyctl.editor.session`.

Columns are converted between journeyctl's characters and the client's units (UTF-16
unless the client offers another encoding) in :mod:`journeyctl.editor.positions`.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from journeyctl import __version__
from journeyctl.analysis.symbols import (
    CHANNEL,
    JOURNEY,
    JOURNEY_KINDS,
    LINE_BREAK,
    PAIN_POINT,
    PERSONA,
    ROADMAP_ITEM,
    STAGE,
    TEAM,
    TOUCHPOINT,
    Occurrence,
    Span,
    rename_refusal,
)
from journeyctl.checks.rule_docs import rule_url
from journeyctl.editor.completion import candidates
from journeyctl.editor.context import cursor_context
from journeyctl.editor.hover import hover_text, rule_text
from journeyctl.editor.positions import from_units, to_units
from journeyctl.editor.session import Session, location_of
from journeyctl.loading.config import ConfigError
from journeyctl.model.findings import Finding, Severity
from journeyctl.review.fixes import apply_fixes, fixes_for
from journeyctl.review.fixes.rename import KINDS, RenameError, rename_edits

#: Seconds after the last change before a map is checked again.
DEBOUNCE = 0.15
#: LSP's error code for a request that is valid but cannot be done (such as a rename).
REQUEST_FAILED = -32803

#: What a client that can is asked to watch: the files whose change on disk changes the
#: findings of an open map (configurations, catalogs, linked journeys).
WATCHED = ("**/journeyctl.toml", "**/pyproject.toml", "**/*.{yaml,yml}")

#: The code action that applies every safe fix of a map (editors run it on save if asked).
FIX_ALL = "source.fixAll.journeyctl"
#: A symbol kind → the word ``journeyctl rename`` takes for it.
_KIND_WORDS = {kind: word for word, kind in KINDS.items()}

_SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_ITEM_KINDS = {
    STAGE: lsp.CompletionItemKind.Module,
    TOUCHPOINT: lsp.CompletionItemKind.Reference,
    PAIN_POINT: lsp.CompletionItemKind.Event,
    ROADMAP_ITEM: lsp.CompletionItemKind.Event,
    PERSONA: lsp.CompletionItemKind.Class,
    CHANNEL: lsp.CompletionItemKind.Interface,
    TEAM: lsp.CompletionItemKind.Folder,
    JOURNEY: lsp.CompletionItemKind.File,
    "value": lsp.CompletionItemKind.EnumMember,
}


class JourneyServer(LanguageServer):
    """pygls's server with the session and the runs of diagnostics in flight."""

    def __init__(self, config: Path | None = None) -> None:
        super().__init__("journeyctl", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.session = Session(config)
        #: open file → its client URI and version
        self.opened: dict[Path, tuple[str, int | None]] = {}
        #: open file → the run of diagnostics scheduled or under way
        self.runs: dict[Path, asyncio.Task] = {}
        #: open file → the findings last published, and the lines and text they were found in
        self.published: dict[Path, tuple[list[Finding], list[str], str]] = {}
        # One run at a time: the runs share the session's caches, and two cores are plenty
        # busy with one lint.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeyctl-lint")
        #: configuration errors already shown to the user
        self.shown: set[str] = set()

    @property
    def edit_range_default(self) -> bool:
        """Whether the client takes a completion list's ``itemDefaults.editRange``."""
        capabilities = self.client_capabilities
        text = capabilities.text_document if capabilities else None
        completion = text.completion if text else None
        listing = completion.completion_list if completion else None
        return bool(listing and listing.item_defaults and "editRange" in listing.item_defaults)

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or "utf-16"
        return getattr(encoding, "value", encoding)

    # -- positions

    def lines(self, location: Path) -> list[str]:
        return self.session.lines(location)

    def client_range(self, lines: list[str], span: Span) -> lsp.Range:
        return lsp.Range(self.client_position(lines, span.line, span.column),
                         self.client_position(lines, span.end_line, span.end_column))

    def client_position(self, lines: list[str], line: int, column: int) -> lsp.Position:
        text = lines[line] if 0 <= line < len(lines) else ""
        return lsp.Position(line=line, character=to_units(text, column, self.encoding))

    def place(self, location: Path, position: lsp.Position) -> tuple[int, int]:
        """``(line, character column)`` of a client position."""
        lines = self.lines(location)
        text = lines[position.line] if position.line < len(lines) else ""
        return position.line, from_units(text, position.character, self.encoding)

    def uri(self, location: Path) -> str:
        opened = self.opened.get(location)
        return opened[0] if opened else location.as_uri()

    def text_edits(self, text: str, edits) -> list[lsp.TextEdit]:
        """Edits at character offsets of ``text`` (fixes, renames) as the client's text edits."""
        lines = LINE_BREAK.split(text)
        starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

        def at(offset: int) -> lsp.Position:
            line = bisect.bisect_right(starts, offset) - 1
            return self.client_position(lines, line, offset - starts[line])

        return [lsp.TextEdit(range=lsp.Range(at(e.start), at(e.end)), new_text=e.text) for e in edits]

    def link(self, occurrence: Occurrence) -> lsp.Location:
        lines = self.lines(occurrence.location)
        return lsp.Location(uri=self.uri(occurrence.location), range=self.client_range(lines, occurrence.span))

    # -- diagnostics

    def schedule(self, location: Path, delay: float, *, others: bool = True) -> None:
        """Check ``location`` after ``delay`` seconds, instead of any run scheduled before."""
        old = self.runs.pop(location, None)
        if old is not None:
            old.cancel()
        self.runs[location] = asyncio.ensure_future(self.run(location, delay, others))

    async def run(self, location: Path, delay: float, others: bool) -> None:
        await asyncio.sleep(delay)
        text = self.session.buffers.get(location)
        if text is None:
            return
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(self.worker, self.session.findings, location)
        except ConfigError as exc:
            if str(exc) not in self.shown:  # once, not at every keystroke
                self.shown.add(str(exc))
                self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=str(exc)))
            findings = []
        except Exception as exc:  # a bug must not end the session: say it in one line
            self.window_log_message(lsp.LogMessageParams(
                type=lsp.MessageType.Error, message=f"journeyctl: cannot check {location}: {exc!r}"
            ))
            return
        if self.session.buffers.get(location) is not text:
            return  # changed meanwhile: the newer run publishes
        self.publish(location, findings, text)
        try:
            await loop.run_in_executor(self.worker, self.session.reindex, location)
        except Exception as exc:
            self.window_log_message(lsp.LogMessageParams(
                type=lsp.MessageType.Error, message=f"journeyctl: cannot index {location}: {exc!r}"
            ))
        if others:
            # Maps that link to this one, and maps under a catalog, may read differently now.
            root = self.session.root_of(location)
            for other in list(self.opened):
                if other != location and self.session.root_of(other) == root and other not in self.runs:
                    self.schedule(other, 0, others=False)
        if self.runs.get(location) is asyncio.current_task():
            del self.runs[location]

    def publish(self, location: Path, findings: list[Finding], text: str) -> None:
        lines = LINE_BREAK.split(text)
        self.published[location] = (findings, lines, text)
        uri, version = self.opened.get(location, (location.as_uri(), None))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[self.diagnostic(f, lines) for f in findings],
        ))

    def diagnostic(self, finding: Finding, lines: list[str]) -> lsp.Diagnostic:
        p = finding.position
        span = Span(p.line - 1, p.column - 1, p.end_line - 1, p.end_column - 1)
        return lsp.Diagnostic(
            range=self.client_range(lines, span),
            message=finding.message,
            severity=_SEVERITIES[finding.severity],
            code=finding.code,
            code_description=lsp.CodeDescription(href=rule_url(finding.code, finding.rule)),
            source="journeyctl",
            data={"rule": finding.rule},
        )

    async def watch(self) -> None:
        """Ask the client to say when a file :data:`WATCHED` changes on disk."""
        try:
            await self.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="journeyctl-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[lsp.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED],
                ),
            )]))
        except Exception as exc:  # the files are still read again at every check
            self.window_log_message(lsp.LogMessageParams(
                type=lsp.MessageType.Warning, message=f"journeyctl: cannot watch files: {exc}",
            ))

    def changed_on_disk(self, locations: list[Path]) -> None:
        """Check the open maps again after files changed on disk (open buffers aside)."""
        changed = [location for location in locations if location not in self.session.buffers]
        if not changed:
            return  # a saved buffer: it was checked as it was typed
        if self.session.forget(changed):
            self.shown.clear()  # a configuration that goes wrong again is said again
        for location in list(self.opened):
            self.schedule(location, DEBOUNCE, others=False)

    async def settled(self, location: Path) -> None:
        """Wait for the run of ``location`` in flight, so answers read the latest text."""
        for _ in range(20):  # a run replaced by a newer one is waited for in turn
            task = self.runs.get(location)
            if task is None or task.done():
                return
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=5)
            except asyncio.CancelledError:
                if not task.cancelled():
                    raise
            except asyncio.TimeoutError:
                return


def create_server(config: Path | None = None) -> JourneyServer:
    """The server with every feature registered; ``config`` replaces each workspace's own
    configuration file."""
    server = JourneyServer(config)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: JourneyServer, params: lsp.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace if ls.client_capabilities else None
        watching = capabilities.did_change_watched_files if capabilities else None
        if watching is not None and watching.dynamic_registration:
            asyncio.ensure_future(ls.watch())
        # The protocol's converter builds its code for a message type on first use (a tenth
        # of a second for a completion list): built now, the first completion is as quick
        # as the rest.
        converter = getattr(ls.protocol, "_converter", None)
        if converter is None:
            return
        converter.unstructure(lsp.CompletionList(is_incomplete=False, items=[
            lsp.CompletionItem(label="", kind=lsp.CompletionItemKind.Value, detail="", text_edit=lsp.TextEdit(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), new_text="",
            )),
        ], item_defaults=lsp.CompletionItemDefaults(edit_range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)))))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: JourneyServer, params: lsp.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        location = location_of(to_fs_path(document.uri))
        ls.opened[location] = (document.uri, document.version)
        ls.session.buffers[location] = document.text
        ls.schedule(location, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: JourneyServer, params: lsp.DidChangeTextDocumentParams) -> None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        location = location_of(to_fs_path(params.text_document.uri))
        ls.opened[location] = (params.text_document.uri, params.text_document.version)
        ls.session.buffers[location] = document.source
        ls.schedule(location, DEBOUNCE)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: JourneyServer, params: lsp.DidCloseTextDocumentParams) -> None:
        location = location_of(to_fs_path(params.text_document.uri))
        task = ls.runs.pop(location, None)
        if task is not None:
            task.cancel()
        ls.session.buffers.pop(location, None)
        ls.opened.pop(location, None)
        ls.published.pop(location, None)
        # the file on disk counts again
        ls.session.indexes.pop(ls.session.root_of(location), None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: JourneyServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.changed_on_disk([location_of(to_fs_path(change.uri)) for change in params.changes])

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: JourneyServer, params: lsp.DidSaveTextDocumentParams) -> None:
        return None  # the buffer already stands for the file

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[" ", "[", ",", "{", "-"]),
    )
    def completion(ls: JourneyServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        location = location_of(to_fs_path(params.text_document.uri))
        line, column = ls.place(location, params.position)
        lines = ls.lines(location)
        context = cursor_context(lines, line, column)
        if context is None:
            return lsp.CompletionList(is_incomplete=False, items=[])
        edit_range = ls.client_range(lines, Span(line, context.start, line, column))
        # A client that takes one range for every item is sent it once: hundreds of
        # touchpoints with a range each cost more to send than to find.
        shared = ls.edit_range_default
        items = [
            lsp.CompletionItem(
                label=found.label,
                kind=_ITEM_KINDS.get(found.kind, lsp.CompletionItemKind.Value),
                detail=found.detail or None,
                text_edit=None if shared else lsp.TextEdit(range=edit_range, new_text=found.label),
            )
            for found in candidates(ls.session, location, context)
        ]
        defaults = lsp.CompletionItemDefaults(edit_range=edit_range) if shared else None
        return lsp.CompletionList(is_incomplete=False, items=items, item_defaults=defaults)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: JourneyServer, params: lsp.HoverParams) -> lsp.Hover | None:
        location = location_of(to_fs_path(params.text_document.uri))
        await ls.settled(location)
        line, column = ls.place(location, params.position)
        found = ls.session.occurrence(location, line, column)
        if found is not None:
            return lsp.Hover(
                contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=hover_text(ls.session, found)),
                range=ls.client_range(ls.lines(location), found.span),
            )
        findings, lines, _ = ls.published.get(location, ([], [], ""))
        for finding in findings:
            p = finding.position
            span = Span(p.line - 1, p.column - 1, p.end_line - 1, p.end_column - 1)
            rule = ls.session.rules.get(finding.code)
            if rule is not None and span.contains(line, column):
                return lsp.Hover(
                    contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=rule_text(rule)),
                    range=ls.client_range(lines, span),
                )
        return None

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: JourneyServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        location = location_of(to_fs_path(params.text_document.uri))
        await ls.settled(location)
        found = ls.session.occurrence(location, *ls.place(location, params.position))
        if found is None:
            return []
        return [ls.link(o) for o in ls.session.index(location).definitions(found.symbol)]

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: JourneyServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        location = location_of(to_fs_path(params.text_document.uri))
        await ls.settled(location)
        found = ls.session.occurrence(location, *ls.place(location, params.position))
        if found is None:
            return []
        every = ls.session.index(location).of(found.symbol)
        return [ls.link(o) for o in every if params.context.include_declaration or not o.definition]

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(ls: JourneyServer, params: lsp.PrepareRenameParams) -> lsp.PrepareRenamePlaceholder:
        location = location_of(to_fs_path(params.text_document.uri))
        await ls.settled(location)
        found = ls.session.occurrence(location, *ls.place(location, params.position))
        if found is None:
            raise JsonRpcException("journeyctl renames ids: place the cursor on one", code=REQUEST_FAILED)
        refusal = rename_refusal(ls.session.index(location), found.symbol)
        if refusal is not None:
            raise JsonRpcException(refusal, code=REQUEST_FAILED)
        return lsp.PrepareRenamePlaceholder(
            range=ls.client_range(ls.lines(location), found.span), placeholder=found.symbol.id
        )

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    async def rename(ls: JourneyServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit:
        location = location_of(to_fs_path(params.text_document.uri))
        await ls.settled(location)
        found = ls.session.occurrence(location, *ls.place(location, params.position))
        if found is None:
            raise JsonRpcException("journeyctl renames ids: place the cursor on one", code=REQUEST_FAILED)
        symbol = found.symbol
        refusal = rename_refusal(ls.session.index(location), symbol)
        if refusal is not None:
            raise JsonRpcException(refusal, code=REQUEST_FAILED)
        # the journey whose id is meant, where several journeys (or catalogs) define it
        journey = ls.session.journey_of(symbol.home if symbol.kind in JOURNEY_KINDS else location)
        workspace = ls.session.workspace(location)
        try:
            edits = rename_edits(workspace, _KIND_WORDS[symbol.kind], symbol.id, params.new_name, journey=journey)
        except RenameError as exc:
            raise JsonRpcException(str(exc), code=REQUEST_FAILED) from None
        texts = {file.location: file.text for file in workspace.targets}
        changes = {
            ls.uri(where): ls.text_edits(texts[where], sorted(found_edits)) for where, found_edits in edits.items()
        }
        return lsp.WorkspaceEdit(changes=dict(sorted(changes.items())))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
    )
    async def code_action(ls: JourneyServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        location = location_of(to_fs_path(params.text_document.uri))
        await ls.settled(location)
        findings, lines, text = ls.published.get(location, ([], [], None))
        if text is None or ls.session.buffers.get(location) != text:
            return []  # the findings are of an older text: new ones are on their way
        uri = ls.uri(location)
        wanted = params.context.only
        actions = []
        if not wanted or lsp.CodeActionKind.QuickFix in wanted:
            asked = {
                (d.code, d.message, _range_key(d.range)): d for d in params.context.diagnostics if d.source == "journeyctl"
            }
            keys = {id(f): (f.code, f.message, _range_key(ls.diagnostic(f, lines).range)) for f in findings}
            chosen = [f for f in findings if keys[id(f)] in asked]
            for finding, fix in fixes_for(chosen, text):
                diagnostic = asked[keys[id(finding)]]
                actions.append(lsp.CodeAction(
                    title=fix.title if fix.safe else f"{fix.title} (unsafe: check the result)",
                    kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=fix.safe,
                    edit=lsp.WorkspaceEdit(changes={uri: ls.text_edits(text, fix.edits)}),
                ))
        if not wanted or any(FIX_ALL.startswith(kind) for kind in wanted):
            safe = [fix for _, fix in fixes_for(findings, text) if fix.safe]
            _, applied = apply_fixes(text, safe)
            if applied:
                edits = sorted(edit for fix in applied for edit in fix.edits)
                actions.append(lsp.CodeAction(
                    title="Fix all safely fixable journeyctl findings", kind=FIX_ALL,
                    edit=lsp.WorkspaceEdit(changes={uri: ls.text_edits(text, edits)}),
                ))
        return actions

    return server


def _range_key(found: lsp.Range) -> tuple[int, int, int, int]:
    return (found.start.line, found.start.character, found.end.line, found.end.character)


def serve(config: Path | None = None) -> None:
    """Speak the protocol over stdin and stdout until the client says exit."""
    # pygls logs a request the server refuses (a rename onto a taken id) with a traceback;
    # a refusal is an answer to the client, not an error of the server.
    logging.getLogger("pygls").setLevel(logging.CRITICAL)
    create_server(config).start_io()
