"""The decision letter: issued with the grant, kept byte for byte, its hash in the audit chain, and
its text (read back from the PDF) states the grant's facts in Vietnamese."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pypdf
import pytest
from sqlalchemy import select

from dictionary.errors import NotFound
from dictionary.models import AuditEvent, DecisionLetter
from dictionary.services import AgencyService
from tests.dictionary.test_deadlines import local, service
from tests.factories import FieldData, make_agency, make_dataset, make_principal


@pytest.fixture
def approved(ctx) -> dict:
    make_agency(ctx, code="H68", level="TINH", valid_from="2004-01-01")
    make_agency(ctx, code="H68.04", parent="H68", name_vi="Sở Tài chính", valid_from="2004-01-01")
    make_agency(ctx, code="H68.11", parent="H68", name_vi="Sở Y tế", valid_from="2004-01-01")
    make_dataset(
        ctx,
        owner=AgencyService(ctx).get("H68.11"),
        slug="tiem-chung",
        status="PUBLISHED",
        title_vi="Tiêm chủng mở rộng",
        fields=[FieldData(name="ho_ten"), FieldData(name="ngay_tiem")],
    )
    requester = make_principal(ctx, "viewer", "H68.04", name="Nguyễn Thị Ánh")
    steward = make_principal(ctx, "steward", "H68.11")
    approver = make_principal(ctx, "approver", name="Trần Văn Đức")
    at = local(2026, 2, 13, 9)
    request = service(ctx, requester, at).submit(
        {
            "dataset": "tiem-chung",
            "purpose": "Đối chiếu đối tượng hưởng chính sách",
            "fields": ["ho_ten", "ngay_tiem"],
            "period_start": date(2026, 3, 1),
            "period_end": date(2026, 12, 31),
            "legal_basis": "Nghị định 194/2025/NĐ-CP, Điều 12",
        }
    )
    service(ctx, steward, at).give_opinion(request.number, "agree", None)
    grant = service(ctx, approver, local(2026, 2, 16, 10)).approve(request.number, fields=["ho_ten"])
    return {"request": request, "grant": grant, "requester": requester, "steward": steward}


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_letter_states_the_grants_facts(ctx, approved) -> None:
    letter = service(ctx, approved["requester"], local(2026, 3, 1, 9)).letter(approved["request"].number)
    assert letter.pdf.startswith(b"%PDF-")
    text = text_of(letter.pdf)
    number = approved["grant"].number
    for fact in (
        f"Số quyền khai thác: {number}",
        "Sở Tài chính (H68.04)",  # the agency that may use the data
        "Nguyễn Thị Ánh",
        "Sở Y tế (H68.11)",  # the owner
        "Tiêm chủng mở rộng (tiem-chung)",
        "Từ ngày 01/03/2026 đến hết ngày 31/12/2026",
        "Nghị định 194/2025/NĐ-CP, Điều 12",
        "Trần Văn Đức",
        "ngày 16 tháng 02 năm 2026",  # issued that day in Vietnam
    ):
        assert fact in text, fact
    # The approval narrowed the fields: the letter lists only what was granted.
    assert "ho_ten" in text and "ngay_tiem" not in text


def test_the_kept_copy_matches_the_audited_hash(ctx, approved) -> None:
    kept = ctx.session.scalar(select(DecisionLetter))
    event = ctx.session.scalar(select(AuditEvent).where(AuditEvent.action == "access.letter"))
    assert event.after["sha256"] == kept.sha256 == hashlib.sha256(kept.pdf).hexdigest()
    assert event.after["number"] == approved["grant"].number


def test_only_the_parties_get_the_letter_and_only_after_an_approval(ctx, approved) -> None:
    outsider = make_principal(ctx, "viewer", make_agency(ctx, code="H68.20", parent="H68").code)
    with pytest.raises(NotFound):
        service(ctx, outsider, local(2026, 3, 1, 9)).letter(approved["request"].number)
    assert service(ctx, approved["steward"], local(2026, 3, 1, 9)).letter(approved["request"].number).sha256
