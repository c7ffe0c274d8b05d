"""The spreadsheet imports refuse in the reader's language: every refusal and warning of the readers
and of the two import services carries a message code that has a sentence (and so an English
translation), and a refused file reads in Vietnamese by default and in English on request."""

from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path

import pytest

from app.web.messages import SENTENCES
from tests.dictionary import hostile_files as H
from tests.dictionary.spreadsheet_helpers import make_dictionary
from tests.dictionary.test_term_import import DEFINITION, term_csv, term_row
from tests.factories import make_standard

API = "/api/v1"
ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "dictionary" / "spreadsheets").glob("*.py")) + [
    ROOT / "dictionary" / "services" / name
    for name in ("dictionary_import.py", "term_import.py", "term_import_report.py", "file_report.py")
]
REFUSALS = {"ValueError", "SpreadsheetError", "OverBudget", "TooLarge", "PermissionDenied", "InvalidInput"}
"""What the readers and the services raise for people to read: the message is the first argument."""


def _is_text(node: ast.expr) -> bool:
    """A literal, an f-string or a sum of them: English that no code can translate."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call)]


def test_no_refusal_or_warning_of_the_imports_is_a_bare_literal() -> None:
    bare = []
    for path in MODULES:
        for call in _calls(path):
            name = _name(call)
            if name in REFUSALS or name == "one":  # InvalidInput.one(field, reason)
                args = call.args[1:] if name == "one" else call.args[:1]
            elif name == "CellError":  # CellError(row, column, message, …)
                args = call.args[2:3]
            elif name == "append" and "warnings" in ast.unparse(call.func):
                args = call.args
            else:
                continue
            bare += [f"{path.relative_to(ROOT)}:{call.lineno}" for arg in args if _is_text(arg)]
    assert bare == []


def test_every_code_the_imports_give_has_a_sentence() -> None:
    codes: dict[str, str] = {}
    for path in MODULES:
        for call in _calls(path):
            first = call.args[0] if call.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if _name(call) == "Message":
                codes[first.value] = f"{path.name}:{call.lineno}"
            elif _name(call) == "over":  # a limit's refusal is coded over_<limit>
                codes[f"over_{first.value}"] = f"{path.name}:{call.lineno}"
    assert len(codes) > 60  # the scan sees the messages (it would pass vacuously otherwise)
    assert {code: where for code, where in codes.items() if code not in SENTENCES} == {}


# The answers of the API, in Vietnamese (no Accept-Language) and in English ----------------------


def upload(client, url: str, content: bytes, language: str | None = None):  # type: ignore[no-untyped-def]
    return client.post(
        url,
        data={"file": (io.BytesIO(content), "tep.bin")},
        content_type="multipart/form-data",
        headers={"Accept-Language": language} if language else {},
    )


def _damaged_workbook() -> bytes:
    """The ZIP signature, then nothing a ZIP reader can open."""
    return b"PK\x03\x04" + b"\x00" * 64


def _not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("build", "vietnamese", "english"),
    [
        (
            _damaged_workbook,
            "có dạng sổ Excel (.xlsx) nhưng bị hỏng",
            "looks like an .xlsx workbook but is damaged",
        ),
        (_not_a_workbook, "không phải sổ Excel (.xlsx)", "is not an Excel workbook (.xlsx)"),
        (
            H.billion_laughs_strings,
            "xl/sharedStrings.xml chứa khai báo kiểu tài liệu XML",
            "xl/sharedStrings.xml holds an XML document type declaration",
        ),
    ],
    ids=["damaged", "zip-not-xlsx", "doctype"],
)
def test_a_refused_workbook_reads_in_the_callers_language(ctx, client, build, vietnamese, english) -> None:  # type: ignore[no-untyped-def]
    make_dictionary(ctx)
    url = f"{API}/datasets/ho-so/dictionary/import"
    for language, expected in ((None, vietnamese), ("en", english)):
        response = upload(client, url, build(), language)
        assert response.status_code == 422, response.json
        body = response.json
        assert expected in body["message"] and expected in body["errors"]["files"]["file"][0]
        assert expected in body["report"]["errors"][0]["message"]
        assert body["report"]["errors"][0]["code"] is not None


def test_a_file_over_a_limit_reads_in_the_callers_language_with_its_numbers(ctx, client) -> None:  # type: ignore[no-untyped-def]
    make_dictionary(ctx)
    content = ("ten_truong,nhan\r\n" + "," * 20_000 + "\r\n").encode()
    url = f"{API}/datasets/ho-so/dictionary/import"
    vietnamese = upload(client, url, content)
    assert vietnamese.status_code == 413
    assert vietnamese.json["message"] == "Trang tính có hơn 16.384 ô ở dòng 2"
    english = upload(client, url, content, "en")
    assert english.json["message"] == "The sheet has more than 16,384 cells in row 2"
    assert english.json["limit"] == vietnamese.json["limit"] == {"code": "row_cells", "max": 16_384, "row": 2}


def test_term_import_errors_and_warnings_read_in_the_callers_language(ctx, client) -> None:  # type: ignore[no-untyped-def]
    make_standard(ctx, code="TDDL", kind="DICTIONARY_TERM")
    content = term_csv(
        [
            term_row(
                ma="NGAY_CAP",
                ten="Ngày cấp",
                dinh_nghia=DEFINITION,
                trang_thai="IN_FORCE",
                ap_dung_tu="31/02/2025",
            )
        ]
    )
    content = content.replace(b"ma,", b"ghi_chu,ma,", 1).replace(b"\r\ncode,", b"\r\nnote,code,", 1)
    content = content.replace(b"\r\nNGAY_CAP,", b"\r\nx,NGAY_CAP,", 1)
    url = f"{API}/standards/TDDL/terms/import"
    vietnamese = upload(client, url, content)
    assert vietnamese.status_code == 422, vietnamese.json
    (error,) = vietnamese.json["report"]["errors"]
    assert error["code"] == "not_a_date" and error["column"] == "ap_dung_tu"
    assert error["message"] == "“31/02/2025” không phải là ngày (2025-07-01 hoặc 01/07/2025)"
    assert vietnamese.json["errors"]["files"]["file"] == [f"dòng 3, cột ap_dung_tu: {error['message']}"]
    assert vietnamese.json["report"]["warnings"] == ["Các cột không có trong mẫu đã được bỏ qua: “ghi_chu”"]
    english = upload(client, url, content, "en").json
    assert (
        english["report"]["errors"][0]["message"] == "“31/02/2025” is not a date (2025-07-01 or 01/07/2025)"
    )
    assert english["errors"]["files"]["file"][0].startswith("row 3, column ap_dung_tu: ")
    assert english["report"]["warnings"][0].startswith("Columns not in the template were ignored")
