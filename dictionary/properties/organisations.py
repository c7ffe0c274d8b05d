"""The properties of agencies and of standards (the registers datasets refer to)."""

from __future__ import annotations

from dictionary.properties.base import CAT, DCT, Kind, Properties, Property, Section

K, S = Kind, Section

AGENCY = Properties(
    "agency",
    (
        Property("code", K.TEXT, "Mã định danh", "Code", S.NAMING, required=True, max_length=40,
                 predicate=DCT + "identifier",
                 help_vi="Mã định danh điện tử theo QĐ 20/2020/QĐ-TTg",
                 help_en="e-ID code (QĐ 20/2020/QĐ-TTg)"),
        Property("name_vi", K.TEXT, "Tên tiếng Việt", "Vietnamese name", S.NAMING, required=True,
                 max_length=500, predicate="http://xmlns.com/foaf/0.1/name"),
        Property("name_en", K.TEXT, "Tên tiếng Anh", "English name", S.NAMING, max_length=500,
                 predicate="http://xmlns.com/foaf/0.1/name"),
        Property("short_name", K.TEXT, "Tên viết tắt", "Short name", S.NAMING, max_length=40),
        Property("level", K.CONCEPT, "Cấp", "Level", S.CLASSIFICATION, scheme="agency-levels",
                 required=True, predicate=CAT + "level"),
        Property("parent", K.REFERENCE, "Cơ quan cấp trên", "Superior agency", S.CLASSIFICATION),
        Property("valid_from", K.DATE, "Từ ngày", "From", S.COVERAGE, predicate=CAT + "validFrom"),
        Property("valid_to", K.DATE, "Đến ngày", "Until", S.COVERAGE, predicate=CAT + "validTo"),
        Property("homepage", K.URL, "Trang thông tin", "Web site", S.CONTACTS, max_length=500,
                 predicate="http://xmlns.com/foaf/0.1/homepage"),
        Property("email", K.TEXT, "Thư điện tử", "E-mail", S.CONTACTS, max_length=320,
                 predicate="http://xmlns.com/foaf/0.1/mbox"),
    ),
)
"""An agency's own properties; its lineage (renames, mergers, splits) is a list of events."""

STANDARD = Properties(
    "standard",
    (
        Property("code", K.TEXT, "Mã", "Code", S.NAMING, required=True, max_length=40),
        Property("identifier", K.TEXT, "Số hiệu", "Number", S.NAMING, required=True, max_length=200,
                 predicate=DCT + "identifier"),
        Property("title_vi", K.TEXT, "Tên tiếng Việt", "Vietnamese title", S.NAMING, required=True,
                 max_length=500, predicate=DCT + "title"),
        Property("title_en", K.TEXT, "Tên tiếng Anh", "English title", S.NAMING, max_length=500,
                 predicate=DCT + "title"),
        Property("issuer", K.TEXT, "Cơ quan ban hành", "Issuer", S.NAMING, required=True, max_length=500,
                 predicate=CAT + "issuer"),
        Property("kind", K.CONCEPT, "Loại", "Kind", S.CLASSIFICATION, scheme="standard-kinds",
                 required=True, predicate=CAT + "standardKind"),
        Property("version", K.TEXT, "Phiên bản", "Version", S.CLASSIFICATION, max_length=40),
        Property("status", K.CONCEPT, "Hiệu lực", "Legal status", S.CLASSIFICATION,
                 scheme="legal-statuses", required=True, predicate=CAT + "legalStatus"),
        Property("issued", K.DATE, "Ngày ban hành", "Date issued", S.PUBLICATION, predicate=DCT + "issued"),
        Property("url", K.URL, "Địa chỉ", "Address", S.PUBLICATION, max_length=500),
    ),
)
"""A standard of the register: a regulation, code list or technical standard data conforms to."""
