"""The decision letter of an access grant as a PDF, in Vietnamese (DejaVu Sans has its diacritics).

The font is bundled (``fonts/``, Bitstream Vera / DejaVu licence in ``fonts/LICENSE-DejaVu.txt``)
so that the letter renders the same on any server. The letter says what was decided, nothing
more: the grant number (số quyền khai thác), the parties, the dataset, the fields, the period and
the legal basis, each as the request and the decision recorded it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class LetterFacts:
    number: int
    issued_at: datetime
    issued_on: date
    """The issue date in Vietnam (the letter's date line)."""
    requester_agency: str
    requester: str
    owner_agency: str
    approver: str
    dataset_title: str
    dataset_slug: str
    fields: tuple[str, ...]
    """Granted field names; empty means the whole dataset."""
    period_start: date
    period_end: date
    legal_basis: str
    purpose: str
    reason: str | None


def render_letter(facts: LetterFacts) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(facts.issued_at)  # the same facts give the same bytes
    pdf.set_title(f"Quyết định cho phép khai thác dữ liệu số {facts.number}")
    pdf.set_author("Ủy ban nhân dân tỉnh Lâm Đồng")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.add_page()

    def line(text: str, size: float = 11, style: str = "", align: str = "L") -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(0, size * 0.55, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def item(label: str, value: str) -> None:
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, label, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    line("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", 11, "B", "C")
    line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc", 10, "", "C")
    pdf.ln(3)
    line(
        f"Lâm Đồng, ngày {facts.issued_on:%d} tháng {facts.issued_on:%m} năm {facts.issued_on:%Y}",
        10,
        "",
        "R",
    )
    pdf.ln(4)
    line("QUYẾT ĐỊNH", 15, "B", "C")
    line("Cho phép khai thác, sử dụng dữ liệu dùng chung", 12, "B", "C")
    line(f"Số quyền khai thác: {facts.number}", 12, "B", "C")
    pdf.ln(5)
    item("Cơ quan được khai thác:", facts.requester_agency)
    item("Người đề nghị:", facts.requester)
    item("Cơ quan chủ quản dữ liệu:", facts.owner_agency)
    item("Cơ sở dữ liệu:", f"{facts.dataset_title} ({facts.dataset_slug})")
    item(
        "Các trường dữ liệu được khai thác:",
        ", ".join(facts.fields) if facts.fields else "Toàn bộ các trường của cơ sở dữ liệu",
    )
    item(
        "Thời hạn khai thác:",
        f"Từ ngày {facts.period_start:%d/%m/%Y} đến hết ngày {facts.period_end:%d/%m/%Y}",
    )
    item("Mục đích sử dụng:", facts.purpose)
    item("Căn cứ pháp lý:", facts.legal_basis)
    if facts.reason:
        item("Ghi chú của người phê duyệt:", facts.reason)
    pdf.ln(4)
    line(
        "Cơ quan được khai thác sử dụng dữ liệu đúng mục đích, trong phạm vi và thời hạn nêu trên; "
        "quyền khai thác có thể bị thu hồi. Mọi lần khai thác được ghi nhật ký để phục vụ kiểm toán dữ liệu.",
        10,
    )
    pdf.ln(8)
    line("NGƯỜI PHÊ DUYỆT", 11, "B", "R")
    line(f"(thay mặt Ủy ban nhân dân tỉnh) {facts.approver}", 11, "", "R")
    return bytes(pdf.output())
