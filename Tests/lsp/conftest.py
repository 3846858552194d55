"""Fixtures and helpers for driving `loomgen lsp` with pytest-lsp.

The server under test is `$LOOMGEN_BIN lsp` (default: .build/debug/loomgen, relative to the repository). Every test
in test_session.py shares one server and one scratch copy of schemas/store (module scope): together they are one
editing session, step after step, in the order they are written.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
STORE = REPO / "schemas" / "store"
LOOMGEN = Path(os.environ.get("LOOMGEN_BIN") or ".build/debug/loomgen")
if not LOOMGEN.is_absolute():
    LOOMGEN = REPO / LOOMGEN

# How long a step waits for the server (it answers in milliseconds; this only bounds a hang).
TIMEOUT = 10.0


def pytest_configure(config):
    # A result the client's declared capabilities do not allow (pytest-lsp checks them) fails the test.
    config.addinivalue_line("filterwarnings", "error::pytest_lsp.LspSpecificationWarning")


def pytest_collection_modifyitems(session, config, items):
    if not LOOMGEN.is_file():
        pytest.exit(f"no loomgen binary at {LOOMGEN} (build it, or set LOOMGEN_BIN)", returncode=2)


# MARK: The client


def make_client() -> LanguageClient:
    """pytest-lsp's test client, which also keeps every publishDiagnostics it receives in order (`publications`), so
    a test can tell that a file was *not* published again."""
    client = LanguageClient(converter_factory=default_converter)
    client.publications = []
    client.registrations = []

    def publish_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.publications.append(params)

    # The server asks a client that allows it (VS Code's capabilities do) to watch the schema's files.
    def register_capability(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)
        return None

    register_lsp_features(client, {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish_diagnostics,
        types.CLIENT_REGISTER_CAPABILITY: register_capability,
    })
    return client


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A scratch folder holding `store/`, a copy of schemas/store (the repository's schema is never touched), without
    its migrations: the session adds fields, which with migrations would rightly be flagged L093 (tested in Swift)."""
    root = tmp_path_factory.mktemp("lsp-session")
    shutil.copytree(STORE, root / "store", ignore=shutil.ignore_patterns("migrations"))
    return root


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[str(LOOMGEN), "lsp"], client_factory=make_client),
)
async def client(lsp_client: LanguageClient, workspace: Path):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name=workspace.name)],
        )
    )
    lsp_client.initialize_result = result
    yield
    # The last test shuts the server down and checks its exit code; this is for a run that stopped before it.
    if lsp_client._server is not None and lsp_client._server.returncode is None:
        await lsp_client.shutdown_session()


# MARK: Documents


def utf16_offset(line: str, character: int) -> int:
    """The index into `line` of the LSP character (UTF-16 code units) `character`."""
    units = 0
    for index, ch in enumerate(line):
        if units >= character:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def offset_of(text: str, position: types.Position) -> int:
    lines = text.split("\n")
    if position.line >= len(lines):
        return len(text)
    return sum(len(line) + 1 for line in lines[: position.line]) + utf16_offset(lines[position.line], position.character)


def position_of(text: str, offset: int) -> types.Position:
    before = text[:offset]
    line = before.count("\n")
    return types.Position(line=line, character=utf16_length(before[before.rfind("\n") + 1 :]))


def slice_of(text: str, range_: types.Range) -> str:
    return text[offset_of(text, range_.start) : offset_of(text, range_.end)]


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """The text with `edits` (non-overlapping, positions in the original text) applied, as an editor does."""
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits), reverse=True
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def end_position(text: str) -> types.Position:
    return position_of(text, len(text))


def code_of(text: str) -> str:
    """The text without its comments (`//` and `///` to the end of a line; `//` inside a string is kept)."""
    out = []
    for line in text.split("\n"):
        in_string, cut = False, len(line)
        for index, ch in enumerate(line):
            if in_string:
                in_string = not (ch == '"' and line[index - 1] != "\\")
            elif ch == '"':
                in_string = True
            elif line.startswith("//", index):
                cut = index
                break
        out.append(line[:cut])
    return "\n".join(out)


class Document:
    """An open document as the editor holds it: its text (kept in step with what the server was sent) and version."""

    def __init__(self, client: LanguageClient, path: Path, text: str | None = None):
        self.client = client
        self.path = path
        self.uri = path.as_uri()
        self.text = path.read_text() if text is None else text
        self.version = 1

    def open(self):
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=self.uri, language_id="loom", version=self.version, text=self.text)
            )
        )

    def find(self, needle: str, occurrence: int = 0, within: str | None = None) -> types.Position:
        """The position of `needle` (its `occurrence`-th match, counted from 0), searched inside the first line
        containing `within` when given."""
        start = 0
        if within is not None:
            start = self.text.index(within)
        index = start - 1
        for _ in range(occurrence + 1):
            index = self.text.index(needle, index + 1)
        return position_of(self.text, index)

    def range_of(self, needle: str, occurrence: int = 0, within: str | None = None) -> types.Range:
        start = self.find(needle, occurrence, within)
        return types.Range(start=start, end=types.Position(line=start.line, character=start.character + utf16_length(needle)))

    def change(self, range_: types.Range, text: str):
        """One incremental change (a range replaced), sent as didChange."""
        self.changes([types.TextEdit(range=range_, new_text=text)])

    def changes(self, edits: list[types.TextEdit]):
        """Several edits in one didChange, each positioned in the text the ones before it left, as the protocol
        says; the document applies them in the same order."""
        self.version += 1
        events = []
        for edit in edits:
            self.text = apply_edits(self.text, [edit])
            events.append(types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text))
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=events,
            )
        )

    def apply(self, edits: list[types.TextEdit]):
        """A server's edits of this document (a WorkspaceEdit's, positioned in the current text) applied as an editor
        applies them: one didChange whose changes run from the last edit to the first, so that each change's range is
        still right in the text the changes before it left."""
        ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
        expected = apply_edits(self.text, edits)
        self.changes(ordered)
        assert self.text == expected

    def replace_all(self, text: str):
        """A full-text change (no range)."""
        self.version += 1
        self.text = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def save(self):
        self.path.write_text(self.text)
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=self.uri)))

    def identifier(self) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=self.uri)


async def wait_for_diagnostics(client: LanguageClient, uri: str, predicate, what: str, timeout: float = TIMEOUT):
    """Waits until the diagnostics last published for `uri` satisfy `predicate`; returns them."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        current = client.diagnostics.get(uri)
        if current is not None and predicate(current):
            return current
        remaining = deadline - loop.time()
        if remaining <= 0:
            pytest.fail(f"{uri}: no publishDiagnostics with {what} within {timeout} s; last published: {current!r}")
        try:
            await asyncio.wait_for(
                client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), min(remaining, 0.1)
            )
        except (asyncio.TimeoutError, TimeoutError):
            pass


async def wait_for_message(client: LanguageClient, count: int, timeout: float = TIMEOUT) -> types.ShowMessageParams:
    """Waits until the client has received more than `count` window/showMessage notifications; returns the last."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(client.messages) <= count:
        if loop.time() > deadline:
            pytest.fail(f"no window/showMessage within {timeout} s")
        try:
            await asyncio.wait_for(client.wait_for_notification(types.WINDOW_SHOW_MESSAGE), 0.1)
        except (asyncio.TimeoutError, TimeoutError):
            pass
    return client.messages[-1]
