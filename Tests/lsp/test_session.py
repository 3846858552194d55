"""One editing session with `loomgen lsp`, driven by pytest-lsp on a scratch copy of schemas/store.

The tests run in the order written and share one server and one copy (see conftest.py): each is a step of the
session, and each leaves the documents as the next one expects them. A step that fails leaves the later ones to fail
too; read the first failure.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import (
    LOOMGEN,
    STORE,
    Document,
    apply_edits,
    code_of,
    end_position,
    slice_of,
    wait_for_diagnostics,
    wait_for_message,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCALARS = {"String", "Int", "Int32", "Bool", "Text", "UUID", "Decimal", "Double", "Date", "DateTime", "JSON"}
STORE_FILES = ["jobs.loom", "orders.loom", "products.loom", "users.loom"]


@pytest.fixture(scope="module")
def s(client: LanguageClient, workspace):
    """The session's state: the client, the copy, its open documents, and a mark into the publications."""
    store = workspace / "store"
    return SimpleNamespace(
        client=client,
        workspace=workspace,
        store=store,
        uris={name: (store / name).as_uri() for name in STORE_FILES},
        products=Document(client, store / "products.loom"),
        orders=Document(client, store / "orders.loom"),
        mark=0,
    )


def empty(diagnostics) -> bool:
    return len(diagnostics) == 0


def labels(completion) -> dict[str, types.CompletionItem]:
    items = completion.items if isinstance(completion, types.CompletionList) else completion
    return {item.label: item for item in items or []}


def published_since(s, mark: int) -> list[types.PublishDiagnosticsParams]:
    return s.client.publications[mark:]


async def test_initialize_advertises_incremental_sync(s):
    result = s.client.initialize_result
    assert result.server_info.name == "loomgen"
    sync = result.capabilities.text_document_sync
    assert sync.change == types.TextDocumentSyncKind.Incremental and sync.open_close
    caps = result.capabilities
    assert caps.hover_provider and caps.definition_provider and caps.references_provider
    assert caps.rename_provider.prepare_provider
    assert "@" in caps.completion_provider.trigger_characters
    assert caps.document_formatting_provider and caps.document_symbol_provider and caps.folding_range_provider
    assert list(caps.code_action_provider.code_action_kinds) == [types.CodeActionKind.QuickFix]


async def test_open_publishes_every_file_of_the_schema(s):
    s.products.open()
    for name, uri in s.uris.items():
        await wait_for_diagnostics(s.client, uri, empty, f"no diagnostics for {name}")
    published = {p.uri: p for p in s.client.publications}
    assert set(published) == set(s.uris.values()), "didOpen publishes every .loom file of the folder, and only those"
    assert published[s.products.uri].version == 1, "the open document's diagnostics carry its version"
    # The client allows dynamic registration: the server asked it to watch the schema's files.
    assert [(r.method, r.register_options["watchers"][0]["globPattern"]) for r in s.client.registrations] == [
        ("workspace/didChangeWatchedFiles", "**/*.loom")
    ], s.client.registrations
    s.mark = len(s.client.publications)


async def test_a_typo_is_an_L020_with_a_hint(s):
    # The user deletes the "i" of `String(150)` in `name  String(150)  @notBlank`: one incremental change.
    i = s.products.find("i", within="String(150)")
    s.products.change(types.Range(start=i, end=types.Position(line=i.line, character=i.character + 1)), "")
    assert "  name        Strng(150)  @notBlank" in s.products.text
    diagnostics = await wait_for_diagnostics(s.client, s.products.uri, lambda d: len(d) > 0, "the typo's diagnostic")
    assert len(diagnostics) == 1, diagnostics
    d = diagnostics[0]
    assert d.code == "L020" and d.source == "loomgen" and d.severity == types.DiagnosticSeverity.Error
    assert d.message == "unknown type 'Strng'\nhint: did you mean 'String'?"
    assert d.range == s.products.range_of("Strng"), "the range is the misspelt word"
    assert s.client.publications[-1].version == s.products.version == 2


async def test_hover_on_the_diagnostic_explains_its_code(s):
    hover = await s.client.text_document_hover_async(
        types.HoverParams(text_document=s.products.identifier(), position=s.products.find("rng(150)"))
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**L020** unknown type: "), hover.contents.value
    # The server answered a request after the edit, so it has published all it was going to: only the edited file's
    # diagnostics changed, so only it was published again.
    assert [p.uri for p in published_since(s, s.mark)] == [s.products.uri]


async def test_the_quick_fix_clears_the_diagnostic(s):
    diagnostic = s.client.diagnostics[s.products.uri][0]
    actions = await s.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=s.products.identifier(),
            range=types.Range(start=diagnostic.range.start, end=diagnostic.range.start),
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None and len(actions) == 1, actions
    action = actions[0]
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred
    assert action.title == "Change 'Strng' to 'String'"
    assert [d.code for d in action.diagnostics] == ["L020"]
    assert list(action.edit.changes) == [s.products.uri]
    edits = action.edit.changes[s.products.uri]
    assert [(e.range, e.new_text) for e in edits] == [(diagnostic.range, "String")]
    s.products.apply(edits)
    assert s.products.text == (STORE / "products.loom").read_text(), "the fix restores the file exactly"
    await wait_for_diagnostics(s.client, s.products.uri, empty, "the L020 cleared")
    assert s.client.publications[-1].version == 3


async def test_a_burst_of_keystrokes_is_debounced(s):
    # The user types a new field of Tag, one character per didChange, faster than the server analyses.
    s.mark = len(s.client.publications)
    end = s.products.find("\n", within="name  String(40)  @unique @notBlank")
    typed = "\n  color String(20)"
    line, character = end.line, end.character
    for ch in typed:
        at = types.Position(line=line, character=character)
        s.products.change(types.Range(start=at, end=at), ch)
        line, character = (line + 1, 0) if ch == "\n" else (line, character + 1)
    hover = await s.client.text_document_hover_async(
        types.HoverParams(text_document=s.products.identifier(), position=s.products.find("color"))
    )
    # Every incremental change was applied where it belongs: the server sees the field as typed.
    assert hover.contents.value == "```loom\ncolor String(20)\n```\nfield of `Tag`, column `color`", hover.contents.value
    assert hover.range == s.products.range_of("color")
    # The intermediate texts (`c`, `co`, … without a type) are errors; the final one is not. With the debounce the
    # server analysed (at most) a few of the 19 states, and since the last state's diagnostics equal what it had
    # published (none), it published nothing more.
    burst = published_since(s, s.mark)
    assert len(burst) < len(typed) // 2, f"{len(burst)} publications for {len(typed)} keystrokes"
    assert all(p.uri == s.products.uri for p in burst)
    assert list(s.client.diagnostics[s.products.uri]) == []
    # Delete the line again (one change spanning two lines).
    start = s.products.find("\n  color")
    s.products.change(types.Range(start=start, end=types.Position(line=start.line + 1, character=len(typed) - 1)), "")
    assert s.products.text == (STORE / "products.loom").read_text()
    symbols = await s.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=s.products.identifier())
    )
    tag = next(symbol for symbol in symbols if symbol.name == "Tag")
    assert [child.name for child in tag.children] == ["id", "name"]
    s.mark = len(s.client.publications)


async def test_hover_on_a_field_and_on_a_model(s):
    field = await s.client.text_document_hover_async(
        types.HoverParams(text_document=s.products.identifier(), position=s.products.find("sku", within="  sku "))
    )
    assert field.contents.value == (
        "```loom\nsku String(64) @unique\n```\nfield of `Product`, column `sku`\n\n"
        "Stock-keeping unit: the store's own code for the product."
    )
    assert field.range == s.products.range_of("sku", within="  sku ")
    model = await s.client.text_document_hover_async(
        types.HoverParams(text_document=s.products.identifier(), position=s.products.find("duct", within="model Product "))
    )
    assert model.contents.value.startswith("```loom\nmodel Product timestamps\n```\nmodel, table `products`, "), model.contents.value
    assert model.contents.value.endswith("\n\nSomething the store sells.")
    assert model.range == s.products.range_of("Product", within="model Product ")
    relation = await s.client.text_document_hover_async(
        types.HoverParams(text_document=s.products.identifier(), position=s.products.find("product", within="  product  Product"))
    )
    assert "field of `ProductTag`, column `product_id` (the foreign key `productId` to `Product`)" in relation.contents.value


async def test_definition_of_a_type_name(s):
    expected = [types.Location(uri=s.products.uri, range=s.products.range_of("Product", within="model Product "))]
    definition = await s.client.text_document_definition_async(
        types.DefinitionParams(
            text_document=s.products.identifier(),
            position=s.products.find("Product", within="  product  Product  @onDelete(cascade)"),
        )
    )
    assert definition == expected
    # From another file of the schema, opened now.
    s.orders.open()
    definition = await s.client.text_document_definition_async(
        types.DefinitionParams(
            text_document=s.orders.identifier(), position=s.orders.find("Product", within="  product         Product")
        )
    )
    assert definition == expected
    assert published_since(s, s.mark) == [], "opening a file whose diagnostics did not change publishes nothing"


async def test_references_of_a_model_span_the_files(s):
    position = s.products.find("Product", within="model Product ")
    references = await s.client.text_document_references_async(
        types.ReferenceParams(
            text_document=s.products.identifier(), position=position, context=types.ReferenceContext(include_declaration=True)
        )
    )
    texts = {name: (s.store / name).read_text() for name in STORE_FILES}
    by_uri = {s.uris[name]: text for name, text in texts.items()}
    # Every `Product` outside comments (not `ProductTag`, `GetProductBySku`, `ProductSummary`).
    expected = {
        s.uris[name]: len(re.findall(r"\bProduct\b", code_of(text))) for name, text in texts.items() if re.search(r"\bProduct\b", code_of(text))
    }
    assert set(expected) == {s.uris["products.loom"], s.uris["orders.loom"], s.uris["jobs.loom"]}
    found: dict[str, int] = {}
    for location in references:
        assert slice_of(by_uri[location.uri], location.range) == "Product", location
        found[location.uri] = found.get(location.uri, 0) + 1
    assert types.Location(uri=s.products.uri, range=s.products.range_of("Product", within="model Product ")) in references
    without = await s.client.text_document_references_async(
        types.ReferenceParams(
            text_document=s.products.identifier(), position=position, context=types.ReferenceContext(include_declaration=False)
        )
    )
    assert len(without) == len(references) - 1 and all(location in references for location in without)
    missing = [
        f"{name}:{number + 1}: {line.strip()}"
        for name, text in texts.items()
        for number, line in enumerate(code_of(text).split("\n"))
        if len(re.findall(r"\bProduct\b", line))
        != sum(1 for l in references if l.uri == s.uris[name] and l.range.start.line == number)
    ]
    assert found == expected, f"every `Product` outside comments is a reference; lines that differ: {missing}"


async def test_completion_of_types_attributes_and_rule_fields(s):
    after_stock = s.products.find("\n", within="  stock ")
    below = types.Position(line=after_stock.line + 1, character=0)
    s.products.change(types.Range(start=below, end=below), "  color  \n")

    async def complete(character: int):
        return labels(
            await s.client.text_document_completion_async(
                types.CompletionParams(
                    text_document=s.products.identifier(), position=types.Position(line=below.line, character=character)
                )
            )
        )

    types_ = await complete(len("  color  "))
    assert SCALARS <= set(types_), sorted(types_)
    assert {"Product", "Tag", "ProductTag", "Order", "User", "Address", "OrderStatus"} <= set(types_), "the schema's models and enums, from every file"
    assert types_["OrderStatus"].kind == types.CompletionItemKind.Enum
    assert types_["Product"].kind == types.CompletionItemKind.Class

    s.products.change(types.Range(start=types.Position(line=below.line, character=9), end=types.Position(line=below.line, character=9)), "String(20) @")
    attributes = await complete(len("  color  String(20) @"))
    assert {"unique", "default", "index", "notBlank", "range", "pattern"} <= set(attributes), sorted(attributes)
    assert not (SCALARS & set(attributes)), "no types after @"

    line = s.products.text.split("\n")[below.line]
    s.products.change(
        types.Range(start=below, end=types.Position(line=below.line, character=len(line))), "  allow read when "
    )
    fields = await complete(len("  allow read when "))
    assert {"id", "sku", "name", "category", "priceCents", "stock"} <= set(fields), sorted(fields)
    assert not ({"fullName", "recipientEmail", "quantity", "street"} & set(fields)), "only Product's fields"
    assert fields["sku"].kind == types.CompletionItemKind.Field

    # Remove the scratch line: the schema is clean again.
    s.products.change(types.Range(start=below, end=types.Position(line=below.line + 1, character=0)), "")
    assert s.products.text == (STORE / "products.loom").read_text()
    await wait_for_diagnostics(s.client, s.products.uri, empty, "no diagnostics once the scratch line is gone")


async def test_renaming_a_field_keeps_its_column(s):
    position = s.products.find("sku", within="  sku ")
    prepared = await s.client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=s.products.identifier(), position=position)
    )
    assert prepared.range == s.products.range_of("sku", within="  sku ") and prepared.placeholder == "sku"
    messages = len(s.client.messages)
    edit = await s.client.text_document_rename_async(
        types.RenameParams(text_document=s.products.identifier(), position=position, new_name="code")
    )
    # The declaration and the lookup key of `Product(sku: sku)`, not the use case's parameter `sku` (nor its use);
    # and `@column("sku")` after the field's attributes, so the column keeps its name.
    assert list(edit.changes) == [s.products.uri]
    lookup = s.products.range_of("sku", within="load product = Product(sku: sku)")
    end = s.products.find("@unique", within="  sku ")
    end = types.Position(line=end.line, character=end.character + len("@unique"))
    assert sorted(edit.changes[s.products.uri], key=lambda e: (e.range.start.line, e.range.start.character)) == [
        types.TextEdit(range=prepared.range, new_text="code"),
        types.TextEdit(range=types.Range(start=end, end=end), new_text=' @column("sku")'),
        types.TextEdit(range=lookup, new_text="code"),
    ]
    message = await wait_for_message(s.client, messages)
    assert message.type == types.MessageType.Info
    assert "'Product.sku' keeps its column 'sku'" in message.message, message.message
    # Not applied.


async def test_renaming_a_model_edits_every_file_and_the_schema_still_compiles(s):
    # A model's table is named after it: the rename pins it (`table "products"`), so the data stays where it is.
    s.mark = len(s.client.publications)

    position = s.products.find("Product", within="  product  Product")
    prepared = await s.client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=s.products.identifier(), position=position)
    )
    assert prepared.placeholder == "Product"
    assert prepared.range == s.products.range_of("Product", within="  product  Product")

    with pytest.raises(Exception, match="already the name of a model"):
        await s.client.text_document_rename_async(
            types.RenameParams(text_document=s.products.identifier(), position=position, new_name="Tag")
        )

    edit = await s.client.text_document_rename_async(
        types.RenameParams(text_document=s.products.identifier(), position=position, new_name="Article")
    )
    jobs = s.store / "jobs.loom"
    before = {s.products.uri: s.products.text, s.orders.uri: s.orders.text, s.uris["jobs.loom"]: jobs.read_text(),
              s.uris["users.loom"]: (s.store / "users.loom").read_text()}
    pinned = s.products.find(" timestamps", within="model Product timestamps")
    for uri, edits in edit.changes.items():
        for e in edits:
            if e.new_text == ' table "products"':
                assert uri == s.products.uri and e.range == types.Range(start=pinned, end=pinned), (uri, e)
                continue
            assert slice_of(before[uri], e.range) == "Product" and e.new_text == "Article", (uri, e)
    assert sum(e.new_text == ' table "products"' for e in edit.changes[s.products.uri]) == 1

    # The editor applies the edit: the open documents through didChange, jobs.loom on disk (then tells the server);
    # then it saves them all.
    jobs.write_text(apply_edits(before[s.uris["jobs.loom"]], edit.changes.get(s.uris["jobs.loom"], [])))
    s.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=s.uris["jobs.loom"], type=types.FileChangeType.Changed)])
    )
    s.products.apply(edit.changes.get(s.products.uri, []))
    s.orders.apply(edit.changes.get(s.orders.uri, []))
    s.products.save()
    s.orders.save()
    check = subprocess.run([str(LOOMGEN), "check", "store"], cwd=s.workspace, capture_output=True, text=True, timeout=60)
    check_output = f"loomgen check exited {check.returncode}:\n{check.stdout}\n{check.stderr}"

    # Every file that names the model was edited, at every place it does so.
    naming = {uri for uri, text in before.items() if re.search(r"\bProduct\b", code_of(text))}
    assert naming == {s.products.uri, s.orders.uri, s.uris["jobs.loom"]}
    assert set(edit.changes) == naming
    for name in STORE_FILES:
        code = code_of((s.store / name).read_text())
        left = [line.strip() for line in code.split("\n") if re.search(r"\bProduct\b", line)]
        assert not left, f"{name} still names Product after the rename: {left}\n{check_output}"
    products = code_of(s.products.text)
    assert "model Article table \"products\" timestamps" in products and "ProductTag" in products and "GetProductBySku" in products

    # The server sees the renamed schema whole (jobs.loom as re-read from disk): the model is found from there.
    hover = await s.client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=s.uris["jobs.loom"]), position=Document(s.client, jobs).find("Article"))
    )
    assert hover.contents.value.startswith('```loom\nmodel Article table "products" timestamps\n```\nmodel, table `products`'), hover.contents.value
    for uri in s.uris.values():
        await wait_for_diagnostics(s.client, uri, empty, "no diagnostics after the rename")
    # The schema still compiles, and nothing else changed for `loomgen check` (formatting, migrations).
    assert check.returncode == 0, check_output


async def test_formatting(s):
    edits = await s.client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=s.products.identifier(), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert edits is not None and list(edits) == [], "a formatted file needs no edit"

    # A badly indented copy of products.loom, in a schema folder of its own (a second schema in the same server).
    messy_folder = s.workspace / "messy"
    shutil.copytree(STORE, messy_folder)
    original = (STORE / "products.loom").read_text()
    mangled = "\n".join(
        ("\t   " if line.startswith(" ") and line.strip() else "") + re.sub(r" {2,}", " ", line.strip())
        for line in original.split("\n")
    )
    (messy_folder / "products.loom").write_text(mangled)
    messy = Document(s.client, messy_folder / "products.loom")
    messy.open()
    await wait_for_diagnostics(s.client, messy.uri, empty, "no diagnostics: layout is no error")

    fmt_copy = s.workspace / "fmt" / "products.loom"
    fmt_copy.parent.mkdir()
    fmt_copy.write_text(mangled)
    subprocess.run([str(LOOMGEN), "fmt", str(fmt_copy)], check=True, capture_output=True, timeout=60)
    expected = fmt_copy.read_text()
    assert expected == original, "loomgen fmt gives the committed (formatted) file back"

    edits = await s.client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=messy.identifier(), options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert len(edits) == 1, edits
    assert edits[0].range == types.Range(start=types.Position(line=0, character=0), end=end_position(mangled))
    assert edits[0].new_text == expected, "the edit is `loomgen fmt`'s output"
    messy.replace_all(apply_edits(messy.text, edits))  # a full-text change
    edits = await s.client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=messy.identifier(), options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert edits is not None and list(edits) == [], "formatted now"
    assert list(s.client.diagnostics[messy.uri]) == []


async def test_document_symbols_and_folding_ranges(s):
    symbols = await s.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=s.products.identifier())
    )
    names = [symbol.name for symbol in symbols]
    assert names[:3] == ["Article", "Tag", "ProductTag"], names
    assert {"RestockEmailRequest", "GetProductBySku", "DispatchRestockEmail"} <= set(names)
    article = symbols[0]
    assert article.kind == types.SymbolKind.Class and article.detail == "model"
    assert article.selection_range == s.products.range_of("Article", within="model Article ")
    children = {child.name: child for child in article.children}
    assert ["id", "sku", "name", "category", "priceCents", "stock", "tags"] == [c.name for c in article.children if c.kind == types.SymbolKind.Field]
    assert children["sku"].detail == "String(64)"
    assert children["withTags"].detail == "profile"
    for symbol in symbols:
        for inner in [symbol, *(symbol.children or [])]:
            assert slice_of(s.products.text, inner.selection_range) == inner.name or inner.kind == types.SymbolKind.Method, inner
    # Resources list their routes.
    resource = next(symbol for symbol in symbols if symbol.kind == types.SymbolKind.Module and symbol.name == "Article")
    assert "GET /products/by-sku/{sku}" in {route.name for route in resource.children}

    folds = await s.client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=s.products.identifier())
    )
    lines = s.products.text.split("\n")
    model_line = next(i for i, line in enumerate(lines) if line.startswith("model Article "))
    closing = next(i for i in range(model_line, len(lines)) if lines[i] == "}")
    assert any(f.start_line == model_line and f.end_line == closing - 1 for f in folds), folds
    profile_line = next(i for i, line in enumerate(lines) if "profile withTags {" in line)
    assert any(f.start_line == profile_line and f.end_line == profile_line + 2 for f in folds), folds


async def test_shutdown_and_exit(s):
    await s.client.shutdown_session()
    assert s.client._server.returncode == 0, "exit after shutdown ends the server with 0"
