"""The form macros part 2's editing pages build on: labelled, described, errors in words."""

from __future__ import annotations

from flask import Flask, render_template_string

from tests.web.html import parse

FORM = """{% import "_macros.html" as m %}<!DOCTYPE html><html lang="vi"><head><title>t</title></head><body>
<form method="post">{{ m.csrf_field() }}
{{ m.field("title_vi", "Tên", "Hộ tịch", required=true, hint="Tên đầy đủ") }}
{{ m.field("status", "Trạng thái", "B", type="select", options=[("A", "Một"), ("B", "Hai")], error="Sai") }}
{{ m.field("purpose", "Mục đích", type="textarea") }}
</form></body></html>"""


def test_form_macros_label_describe_and_flag_errors(app: Flask) -> None:
    with app.test_request_context("/"):
        root = parse(render_template_string(FORM), strict=True)
    title = root.find(".//input[@id='f-title_vi']")
    assert title is not None and title.get("required") == "required" and title.get("value") == "Hộ tịch"
    assert title.get("aria-describedby") == "f-title_vi-hint" and title.get("aria-invalid") is None
    assert root.find(".//label[@for='f-title_vi']") is not None
    status = root.find(".//select[@id='f-status']")
    assert status.get("aria-invalid") == "true" and status.get("aria-describedby") == "f-status-error"
    assert root.find(".//option[@value='B']").get("selected") is not None
    assert root.find(".//textarea[@id='f-purpose']") is not None
    csrf = root.find(".//input[@name='csrf_token']")
    assert csrf is not None and len(csrf.get("value", "")) > 20
