"""`bienban lsp` driven by pytest-lsp as an editor drives it (Neovim 0.11's capabilities, so positions are
negotiated in UTF-8): open a minutes file with a typo, receive the diagnostic, apply the quick fix, complete a
key, hover, change, close. The Rust integration test `lsp_with_pytest_lsp` runs this with BIENBAN_BIN set to
the built binary."""

import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = (ROOT / "minutes" / "2023-08-30-chi-bo-dai-loi.md").read_text(encoding="utf-8")
BIN = os.environ.get("BIENBAN_BIN", str(ROOT / "target" / "release" / "bienban"))
URI = "file:///tmp/bienban-pytest-lsp/bi%C3%AAn-b%E1%BA%A3n.md"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient):
    params = types.InitializeParams(
        capabilities=client_capabilities("neovim@v0.11.0"),
        initialization_options={"bienban": {"lang": "vi"}},
    )
    result = await lsp_client.initialize_session(params)
    lsp_client.encoding = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


def position(client, text: str, needle: str, after: int = 0) -> types.Position:
    """The position of `needle` in `text` (plus `after` characters), in the negotiated encoding."""
    at = text.index(needle)
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at] + needle[:after]
    if client.encoding == "utf-8":
        character = len(before.encode("utf-8"))
    else:
        character = len(before.encode("utf-16-le")) // 2
    return types.Position(line=line, character=character)


def offset(client, text: str, pos: types.Position) -> int:
    lines = text.splitlines(keepends=True)
    start = sum(len(l) for l in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    if client.encoding == "utf-8":
        return start + len(line.encode("utf-8")[: pos.character].decode("utf-8"))
    return start + len(line.encode("utf-16-le")[: pos.character * 2].decode("utf-16-le"))


def apply(client, text: str, edit: types.TextEdit) -> str:
    start = offset(client, text, edit.range.start)
    end = offset(client, text, edit.range.end)
    return text[:start] + edit.new_text + text[end:]


async def open_document(client, text: str, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=URI, language_id="markdown", version=version, text=text
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[URI]


async def change(client, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[URI]


async def test_typo_fix_complete_hover_change_close(client: LanguageClient):
    assert client.encoding == "utf-8"
    typo = SEED.replace("venue:", "venu:", 1)
    diagnostics = await open_document(client, typo)
    unknown = [d for d in diagnostics if d.code == "E0101"]
    assert len(unknown) == 1, diagnostics
    assert unknown[0].range.start == position(client, typo, "venu:")
    assert "khóa `venu`" in unknown[0].message
    assert unknown[0].code_description.href.endswith("diagnostics.md#e0101")

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=unknown[0].range,
            context=types.CodeActionContext(diagnostics=unknown),
        )
    )
    fix = next(a for a in actions if "`venue`" in a.title)
    fixed = apply(client, typo, fix.edit.changes[URI][0])
    assert fixed == SEED
    assert list(await change(client, fixed, 2)) == []

    # A key in `meeting` that is not written yet: none is missing, so cut `title` short and complete it back;
    # `kind`, already written, is not offered.
    without_title = fixed.replace("  title: >-\n", "  ti\n", 1)
    await change(client, without_title, 3)
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=position(client, without_title, "  ti\n", 4),
        )
    )
    items = items.items if hasattr(items, "items") else items
    labels = [i.label for i in items]
    # `title` first; the optional keys of the format's second version (`body`, `format`, `agenda`) may follow.
    assert labels[0] == "title" and "kind" not in labels, labels
    assert "Trích yếu" in items[0].detail

    await change(client, fixed, 4)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            position=position(client, fixed, "exempt:", 2),
        )
    )
    assert "miễn" in hover.contents.value and "87,8%" in hover.contents.value

    time_unquoted = fixed.replace('start: "14:00"', "start: 14h00", 1)
    diagnostics = await change(client, time_unquoted, 5)
    bad_time = [d for d in diagnostics if d.code == "E0202"]
    assert bad_time, diagnostics
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=bad_time[0].range,
            context=types.CodeActionContext(diagnostics=bad_time),
        )
    )
    quoted = apply(client, time_unquoted, actions[0].edit.changes[URI][0])
    assert 'start: "14:00"' in quoted

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[URI]) == []


async def test_nfc_fix_and_outline(client: LanguageClient):
    decomposed = SEED.replace("Nhà văn hóa", "Nha\u0300 văn ho\u0301a", 1)
    diagnostics = await open_document(client, decomposed)
    nfc = [d for d in diagnostics if d.code == "W0001"]
    assert nfc, diagnostics
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=nfc[0].range,
            context=types.CodeActionContext(diagnostics=nfc),
        )
    )
    fixed = apply(client, decomposed, actions[0].edit.changes[URI][0])
    assert fixed == SEED

    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    names = [s.name for s in symbols]
    assert names[0] == "Phần khai báo"
    keys = [s.name for s in symbols[0].children]
    assert keys[:3] == ["layout", "status", "number"], keys
    assert "Tồn tại, hạn chế" in names, names
