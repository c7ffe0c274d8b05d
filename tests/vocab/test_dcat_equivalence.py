"""The streaming writers against rdflib, over generated datasets (hypothesis).

For every generated dataset (awkward texts, languages, missing values, fields, mappings,
distributions) and each of the four formats: our document parsed by rdflib is isomorphic to the
Graph the same mapping gives through the adapter (``TripleBuffer.to_graph``), and rdflib's own
serialisation of that Graph parses back isomorphic too. The datasets are transient model objects
(never stored), so an example costs milliseconds.
"""

from __future__ import annotations

import uuid
import warnings
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from dictionary import concepts as C
from dictionary.models import (
    Agency,
    ContactPoint,
    Dataset,
    Distribution,
    Field,
    OwnershipAssignment,
    Standard,
    StandardMapping,
)
from dictionary.visibility import Visibility
from vocab.dcat import CatalogInfo, DcatContext
from vocab.dcat_catalog import CatalogState, PageInfo, catalog_page_to_rdf
from vocab.rdf_buffer import TripleBuffer
from vocab.rdf_writers import FORMATS, parse, writer
from vocab.skos import load_vocabularies

VOCAB = "https://data.lamdong.gov.vn/vocab/"
EU = "http://publications.europa.eu/resource/authority/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
INFO = CatalogInfo("https://data.example.gov.vn", "Danh mục dữ liệu", "Data catalog", "H68")

# Texts with what breaks writers: quotes, backslashes, new lines, markup, XML-illegal controls,
# combining marks, non-BMP letters, and Vietnamese.
CHARACTERS = [*"aZ 09\"'\\\n\r\t<>&]]>{}@#%:;,.\x01\x0b\x7f", "ơ", "\u0300", "Đ", "𝔸", "\xa0"]
AWKWARD = st.text(
    alphabet=st.sampled_from(CHARACTERS),
    max_size=40,
)
MAYBE = st.none() | AWKWARD
NAME = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
LANG = st.sampled_from([None, "", "en", "fr", "zh-Hant"])
TYPES = ["STRING", "INTEGER", "DATE", "BOOLEAN", "CODE"]


@pytest.fixture(scope="module")
def context() -> DcatContext:
    return DcatContext.create(INFO, load_vocabularies(), Visibility.all())


AGENCY = Agency(
    id=uuid.UUID(int=1), code="H68.06", name_vi="Sở Nông nghiệp", name_en="Agriculture", lock_version=1,
    level=VOCAB + "agency-levels/SO_NGANH", email="snn@lamdong.gov.vn", homepage="https://snn.lamdong.gov.vn",
)  # fmt: skip
STANDARD = Standard(
    id=uuid.UUID(int=2), code="STD-1", title_vi="Quy chuẩn", identifier="QCVN 1", lock_version=1,
    kind=VOCAB + "standard-kinds/TECHNICAL_STANDARD",
)  # fmt: skip


@st.composite
def datasets(draw: Any) -> Dataset:
    moment = datetime(2025, 7, 1, 8, 30, tzinfo=UTC)
    slug = draw(NAME)
    lang = draw(LANG)
    names = draw(st.lists(NAME, max_size=4, unique=True))
    fields = [
        Field(
            id=uuid.uuid4(),
            name=name,
            position=position,
            label_vi=draw(MAYBE),
            label_en=draw(MAYBE),
            definition=draw(MAYBE),
            data_type=VOCAB + "data-types/" + draw(st.sampled_from(TYPES)),
            length=draw(st.none() | st.integers(0, 500)),
            required=draw(st.booleans()),
            unique=False,
            primary_key=draw(st.booleans()),
            restricted=draw(st.booleans()),
            unit=draw(MAYBE),
            example=draw(MAYBE),
        )
        for position, name in enumerate(names, start=1)
    ]
    mappings = [
        StandardMapping(
            id=uuid.uuid4(),
            field=field,
            field_id=field.id,
            standard=STANDARD,
            relation="http://www.w3.org/2004/02/skos/core#"
            + draw(st.sampled_from(["exactMatch", "closeMatch"])),
            term=draw(st.none() | NAME),
            note=draw(MAYBE),
        )
        for field in fields
        if draw(st.booleans())
    ]
    distributions = [
        Distribution(
            id=uuid.uuid4(),
            slug=f"phan-phoi-{n}",
            kind=VOCAB + "access-kinds/" + draw(st.sampled_from(["FILE", "API"])),
            title_vi=draw(AWKWARD),
            title_en=draw(MAYBE),
            description_vi=draw(MAYBE),
            access_url=draw(st.sampled_from([None, "https://a.example/x y", "https://a.example/ok"])),
            download_url=draw(st.sampled_from([None, 'https://a.example/"q"<>.csv'])),
            endpoint_url=draw(st.sampled_from([None, "https://api.example/v1"])),
            format=EU + "file-type/" + draw(st.sampled_from(["CSV", "JSON"])),
            media_type=draw(st.sampled_from([None, "text/csv", "bad type"])),
            licence=draw(st.sampled_from([None, EU + "licence/CC_BY_4_0"])),
            access_rights=draw(st.sampled_from([None, C.PUBLIC_ACCESS, EU + "access-right/RESTRICTED"])),
            byte_size=draw(st.none() | st.integers(0, 10**12)),
            created_at=moment,
            updated_at=moment,
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    owner = OwnershipAssignment(
        id=uuid.uuid4(), agency=AGENCY, agency_id=AGENCY.id, role=C.OWNER, valid_from=date(2025, 7, 1)
    )
    contacts = [ContactPoint(id=uuid.uuid4(), name=draw(AWKWARD) or "A", email="a@b.vn", phone=draw(MAYBE))]
    return Dataset(
        id=uuid.uuid4(),
        slug=slug,
        created_at=moment,
        updated_at=moment,
        title_vi=draw(AWKWARD) or "Tiêu đề",
        title_en=draw(MAYBE),
        description_vi=draw(MAYBE),
        description_en=draw(MAYBE),
        text_language=lang,
        keywords_vi=draw(st.lists(AWKWARD, max_size=3)),
        keywords_en=draw(st.lists(AWKWARD, max_size=2)),
        themes=[VOCAB + "themes/KINH_TE"],
        frequency=VOCAB + "frequencies/MONTHLY",
        sharing_class=C.OPEN,
        status=C.PUBLISHED,
        version=draw(MAYBE),
        landing_page=draw(st.sampled_from([None, "https://x.example/page {1}", "relative"])),
        temporal_start=draw(st.none() | st.just(date(2020, 1, 1))),
        data_updated_on=draw(st.none() | st.just(date(2025, 1, 2))),
        completeness=draw(st.integers(0, 100)),
        other_identifiers=draw(st.lists(AWKWARD, max_size=2)),
        conforms_to=draw(
            st.lists(st.sampled_from(["https://std.example/a", "a named standard"]), max_size=2)
        ),
        languages=[],
        coverage=[],
        spatial=[],
        legal_basis=[],
        translations={},
        fields=fields,
        mappings=mappings,
        distributions=distributions,
        ownerships=[owner],
        contact_points=contacts,
    )


def rdflib_parse(data: str, name: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse(data, FORMATS[name])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(datasets(), min_size=1, max_size=2, unique_by=lambda d: d.slug))
def test_every_format_is_isomorphic_to_rdflibs_graph_of_the_same_mapping(
    context: DcatContext, page: list[Dataset]
) -> None:
    buffer = TripleBuffer()
    catalog_page_to_rdf(page, context, CatalogState(None, 3), PageInfo(1, 2, 3), buffer)
    expected = buffer.to_graph()
    assert len(expected) == len(buffer) > 0
    for key, fmt in FORMATS.items():
        out = writer(fmt)
        ours = out.begin() + out.write(buffer) + out.end()
        parsed = rdflib_parse(ours, key)
        assert isomorphic(parsed, expected), (key, differences(parsed, expected))
        theirs = rdflib_parse(expected.serialize(format=fmt.rdflib_name), key)
        assert isomorphic(theirs, expected), (key, differences(theirs, expected))


def differences(got: Any, expected: Any) -> tuple[list[Any], list[Any]]:
    """Triples only in one graph (blank nodes aside), to show what a failing example broke."""
    _both, first, second = graph_diff(to_isomorphic(got), to_isomorphic(expected))
    return sorted(first)[:5], sorted(second)[:5]
