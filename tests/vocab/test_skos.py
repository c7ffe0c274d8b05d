"""The SKOS vocabularies: the Turtle files themselves, the loader and the look-ups built on it."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from dictionary import concepts as domain
from dictionary.ports import ConceptLookup
from dictionary.properties import REGISTRIES
from vocab.namespaces import DCT, EU, RDF, SKOS, VOCAB, XSD
from vocab.skos import EU_SCHEMES, PACKAGE_DIR, load_vocabularies, parse_duration, read_scheme
from vocab.vocabularies import Concept, ConceptScheme, Vocabularies, VocabularyError

SCHEME_FILES = sorted((PACKAGE_DIR / "schemes").glob("*.ttl"))

# The codes the brief and the domain rely on (dictionary.concepts, services, search facets).
REQUIRED_CODES = {
    "arch-components": {"USR", "CHN", "PRT", "SVC", "APP", "DAT", "INT", "PLT", "INF", "SEC", "GOV", "EXT"},
    "db-categories": {"CSDL_QG", "CSDL_BO", "CSDL_NGANH", "CSDL_DP", "CSDL_NOI_BO"},
    "sharing-classes": {"DUNG_CHUNG", "DUNG_RIENG", "MO"},
    "importance": {"COT_LOI", "QUAN_TRONG", "KHAC"},
    "personal-data": {"KHONG", "CO_BAN", "NHAY_CAM"},
    "data-layers": {"META", "REF", "MASTER", "TXN", "BIG", "AGG", "ANA", "OPEN"},
    "sharing-modes": {"MAC_DINH", "THEO_YEU_CAU_DAC_THU", "THEO_YEU_CAU", "DONG_BO", "DONG_GOI"},
    "security-levels": {"CAP_1", "CAP_2", "CAP_3", "CAP_4", "CAP_5"},
    "data-types": {"STRING", "TEXT", "INTEGER", "DECIMAL", "BOOLEAN", "DATE", "DATETIME", "TIME", "CODE"}
    | {"GEOMETRY", "POINT", "BINARY", "JSON"},
    "frequencies": {"CONTINUOUS", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "SEMIANNUAL", "ANNUAL"}
    | {"BIENNIAL", "IRREGULAR", "NEVER"},
    "agency-levels": {"TRUNG_UONG", "TINH", "SO_NGANH", "HUYEN", "XA", "NGANH_DOC"},
    "agency-events": {"RENAMED", "MERGED_INTO", "SPLIT_FROM", "FUNCTIONS_TRANSFERRED"},
    "statuses": {"DRAFT", "PUBLISHED", "RETIRED"},
    "ownership-roles": {"OWNER", "CUSTODIAN", "STEWARD"},
    "access-kinds": {"LGSP_SERVICE", "NDOP_SERVICE", "API", "FILE", "DB_VIEW"},
    "standard-kinds": {"REGULATION", "CODE_LIST", "TECHNICAL_STANDARD", "DICTIONARY_TERM"},
    "legal-statuses": {"IN_FORCE", "SUPERSEDED", "UNCLEAR"},
    "term-statuses": {"DRAFT", "IN_FORCE", "SUPERSEDED"},
}
PSEUDO_SCHEMES = {"admin-units", "schemes"}


@pytest.fixture(scope="module")
def vocab() -> Vocabularies:
    return load_vocabularies()


def _graph(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _labels(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for literal in graph.objects(subject, predicate):
        assert isinstance(literal, Literal), f"{subject} {predicate} is not a literal"
        found.setdefault(literal.language, []).append(str(literal))
    return found


# -- the files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SCHEME_FILES, ids=lambda p: p.stem)
def test_file_declares_one_scheme_named_after_it(path: Path) -> None:
    graph = _graph(path)
    schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == [VOCAB[path.stem]]
    scheme = schemes[0]
    for predicate in (DCT.title, SKOS.prefLabel):
        labels = _labels(graph, scheme, predicate)
        assert len(labels.get("vi", [])) == 1, f"{predicate} @vi"
        assert len(labels.get("en", [])) == 1, f"{predicate} @en"
    assert graph.value(scheme, DCT.description) is not None
    assert path.read_text(encoding="utf-8").startswith("#"), "the source must be cited in a top comment"


@pytest.mark.parametrize("path", SCHEME_FILES, ids=lambda p: p.stem)
def test_every_concept_is_well_formed(path: Path) -> None:
    graph = _graph(path)
    scheme = VOCAB[path.stem]
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts, "a scheme without concepts"
    assert set(graph.subjects(SKOS.inScheme, None)) == concepts, "every concept, and only concepts, inScheme"
    for concept in concepts:
        assert list(graph.objects(concept, SKOS.inScheme)) == [scheme], concept
        notations = list(graph.objects(concept, SKOS.notation))
        assert len(notations) == 1, f"{concept}: one skos:notation"
        assert str(concept) == f"{scheme}/{notations[0]}", "URI pattern <scheme>/<CODE>"
        labels = _labels(graph, concept, SKOS.prefLabel)
        assert set(labels) == {"vi", "en"}, f"{concept}: prefLabel @vi and @en only"
        assert all(len(values) == 1 for values in labels.values()), f"{concept}: one prefLabel per language"
        for values in (*labels.values(), *_labels(graph, concept, SKOS.definition).values()):
            # Search folds diacritics on NFC text; a decomposed label would never match.
            assert all(unicodedata.is_normalized("NFC", value) for value in values), concept
        broader = list(graph.objects(concept, SKOS.broader))
        top = list(graph.objects(concept, SKOS.topConceptOf))
        assert top == [scheme] or (not top and broader), f"{concept}: top concept or has a broader one"
        assert all(b in concepts for b in broader), f"{concept}: broader concept outside the scheme"


@pytest.mark.parametrize("path", SCHEME_FILES, ids=lambda p: p.stem)
def test_codes_are_unique_in_a_scheme_ignoring_case(path: Path) -> None:
    codes = Counter(str(code).casefold() for code in _graph(path).objects(None, SKOS.notation))
    assert [code for code, count in codes.items() if count > 1] == []


def test_every_scheme_the_domain_names_exists(vocab: Vocabularies) -> None:
    named = {scheme for registry in REGISTRIES for scheme in registry.schemes().values()}
    for scheme_id in (named | set(domain.OTHER_SCHEMES.values())) - PSEUDO_SCHEMES:
        assert vocab.scheme(scheme_id) is not None, scheme_id
    assert vocab.concepts("admin-units")


@pytest.mark.parametrize("scheme_id", sorted(REQUIRED_CODES))
def test_schemes_have_the_codes_the_catalog_relies_on(vocab: Vocabularies, scheme_id: str) -> None:
    assert {c.code for c in vocab.concepts(scheme_id)} == REQUIRED_CODES[scheme_id]


def test_every_concept_constant_of_the_domain_is_a_concept(vocab: Vocabularies) -> None:
    namespace = domain.VOCAB_NAMESPACE
    constants = [
        v for v in vars(domain).values() if isinstance(v, str) and v.startswith(namespace) and v != namespace
    ]
    assert len(constants) > 10
    for uri in constants:
        assert vocab.concept(uri) is not None, uri


def test_personal_data_ranks_follow_the_domain_order(vocab: Vocabularies) -> None:
    ranks = [vocab.concept(uri).rank for uri in domain.PERSONAL_DATA_ORDER]  # type: ignore[union-attr]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)


# -- resolve ------------------------------------------------------------------------------------


def test_resolve_by_code_in_any_case(vocab: Vocabularies) -> None:
    assert vocab.resolve("sharing-classes", "DUNG_CHUNG") == domain.SHARED
    assert vocab.resolve("sharing-classes", "dung_chung") == domain.SHARED
    assert vocab.resolve("statuses", "  Draft ") == domain.DRAFT


def test_resolve_by_uri(vocab: Vocabularies) -> None:
    assert vocab.resolve("personal-data", domain.PERSONAL_SENSITIVE) == domain.PERSONAL_SENSITIVE


def test_resolve_refuses_a_concept_of_another_scheme(vocab: Vocabularies) -> None:
    assert vocab.resolve("statuses", domain.SHARED) is None
    assert vocab.resolve("statuses", "DUNG_CHUNG") is None


@pytest.mark.parametrize(
    ("scheme", "value"),
    [("statuses", "ARCHIVED"), ("statuses", ""), ("nope", "DRAFT"), ("statuses", domain.DRAFT.lower())],
)
def test_resolve_unknown_values_gives_none(vocab: Vocabularies, scheme: str, value: str) -> None:
    assert vocab.resolve(scheme, value) is None


def test_resolve_eu_vocabularies_by_code_or_uri(vocab: Vocabularies) -> None:
    cc_by = str(EU["licence/CC_BY_4_0"])
    assert vocab.resolve("eu-file-types", "csv") == str(EU["file-type/CSV"])
    assert vocab.resolve("eu-licences", "CC_BY_4_0") == cc_by
    assert vocab.resolve("eu-licences", cc_by) == cc_by
    assert vocab.resolve("eu-access-rights", "public") == str(EU["access-right/PUBLIC"])
    assert vocab.resolve("eu-languages", "VIE") == str(EU["language/VIE"])
    assert vocab.resolve("eu-file-types", "CC_BY_4_0") is None


def test_resolve_admin_units_of_any_version(vocab: Vocabularies) -> None:
    old, new = str(VOCAB["admin-units-2004/24622"]), str(VOCAB["admin-units-2025/24611"])
    assert vocab.resolve("admin-units", old) == old
    assert vocab.resolve("admin-units", new) == new
    assert vocab.resolve("admin-units", "admin-units-2025/24611") == new
    assert vocab.resolve("admin-units-2004", "24622") == old
    # 24611 is a unit in both lists (Nghĩa Đức, then Bắc Gia Nghĩa): a bare code is ambiguous.
    assert vocab.resolve("admin-units", "24611") is None
    assert vocab.resolve("admin-units", domain.DRAFT) is None


def test_resolve_schemes_by_id_or_uri(vocab: Vocabularies) -> None:
    frequencies = str(VOCAB["frequencies"])
    assert vocab.resolve("schemes", "frequencies") == frequencies
    assert vocab.resolve("schemes", frequencies) == frequencies
    assert vocab.resolve("schemes", "eu-file-types") == str(EU["file-type"])
    assert vocab.resolve("schemes", "admin-units") is None
    assert vocab.resolve("schemes", domain.DRAFT) is None


# -- update periods ----------------------------------------------------------------------------


def test_monthly_data_stays_current_for_a_month(vocab: Vocabularies) -> None:
    period = vocab.update_period(str(VOCAB["frequencies/MONTHLY"]))
    assert period is not None
    assert timedelta(days=30) <= period <= timedelta(days=31)


@pytest.mark.parametrize("code", ["IRREGULAR", "NEVER"])
def test_irregular_and_never_have_no_period(vocab: Vocabularies, code: str) -> None:
    assert vocab.update_period(str(VOCAB[f"frequencies/{code}"])) is None


def test_periods_grow_with_the_frequency_order(vocab: Vocabularies) -> None:
    periods = [c.period for c in vocab.concepts("frequencies") if c.period is not None]
    assert len(periods) >= 8
    assert periods == sorted(periods)
    assert periods[-1] >= timedelta(days=730)


def test_eu_frequency_uris_share_our_periods(vocab: Vocabularies) -> None:
    assert vocab.update_period(str(EU["frequency/ANNUAL"])) == vocab.update_period(
        str(VOCAB["frequencies/ANNUAL"])
    )
    assert vocab.update_period(str(EU["frequency/IRREG"])) is None
    assert vocab.update_period("https://example.org/not-a-frequency") is None


@pytest.mark.parametrize(
    ("text", "days"),
    [("P1D", 1), ("P7D", 7), ("P1W", 7), ("P1M", 30), ("P3M", 91), ("P6M", 183), ("P1Y", 365), ("P2Y", 730)],
)
def test_parse_duration(text: str, days: int) -> None:
    assert parse_duration(text) == timedelta(days=days)


@pytest.mark.parametrize("text", ["", "P", "PT", "1D", "P1.5D", "monthly"])
def test_parse_duration_refuses_non_durations(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration(text)


# -- mappings to the EU vocabularies and XSD -----------------------------------------------------


@pytest.mark.parametrize(
    ("scheme_id", "eu_scheme"), [("frequencies", "eu-frequencies"), ("themes", "eu-themes")]
)
def test_each_concept_matches_exactly_one_real_eu_concept(
    vocab: Vocabularies, scheme_id: str, eu_scheme: str
) -> None:
    targets = []
    for concept in vocab.concepts(scheme_id):
        assert len(concept.exact_matches) == 1, concept.code
        target = vocab.concept(concept.exact_matches[0])
        assert target is not None, f"{concept.code} → {concept.exact_matches[0]} is not in the EU file"
        assert target.scheme == eu_scheme
        assert not target.deprecated, f"{concept.code} maps to a deprecated EU concept"
        targets.append(target.uri)
    assert len(set(targets)) == len(targets), "two concepts map to the same EU concept"


def test_themes_cover_every_eu_theme(vocab: Vocabularies) -> None:
    mapped = {m for c in vocab.concepts("themes") for m in c.exact_matches}
    assert mapped == {c.uri for c in vocab.concepts("eu-themes")}


def test_data_types_name_an_xsd_type(vocab: Vocabularies) -> None:
    for concept in vocab.concepts("data-types"):
        assert concept.xsd_type is not None and concept.xsd_type.startswith(str(XSD)), concept.code
        for match in concept.exact_matches:
            assert match == concept.xsd_type, f"{concept.code}: exactMatch and cat:xsdType disagree"
    assert vocab.concept(str(VOCAB["data-types/DATETIME"])).exact_matches == (str(XSD.dateTime),)  # type: ignore[union-attr]


# -- administrative units -----------------------------------------------------------------------


def test_crosswalk_leads_from_2004_units_to_2025_units(vocab: Vocabularies) -> None:
    old_units = vocab.concepts("admin-units-2004")
    replaced = [unit for unit in old_units if unit.replaced_by]
    assert len(replaced) >= 14
    for unit in old_units:
        assert unit.valid_to is not None, f"{unit.code} has no end date"
        for target in (*unit.replaced_by, *unit.exact_matches, *unit.broad_matches):
            successor = vocab.concept(target)
            assert successor is not None and successor.scheme == "admin-units-2025", (unit.code, target)
            assert successor.valid_from is not None and successor.valid_from > unit.valid_to
        if unit.replaced_by:
            assert set(unit.replaced_by) <= {*unit.exact_matches, *unit.broad_matches}, unit.code


def test_bac_gia_nghia_replaces_the_four_units_of_the_reference_example(vocab: Vocabularies) -> None:
    bac_gia_nghia = str(VOCAB["admin-units-2025/24611"])
    predecessors = {c.code for c in vocab.concepts("admin-units-2004") if bac_gia_nghia in c.replaced_by}
    assert predecessors == {"24611", "24612", "24619", "24622"}
    assert vocab.label(bac_gia_nghia) == "Phường Bắc Gia Nghĩa"
    assert vocab.label(str(VOCAB["admin-units-2004/24611"])) == "Phường Nghĩa Đức"


def test_old_dak_nong_districts_belong_to_their_province(vocab: Vocabularies) -> None:
    dak_nong = str(VOCAB["admin-units-2004/67"])
    districts = {c.code for c in vocab.concepts("admin-units-2004") if dak_nong in c.broader}
    assert districts == {str(code) for code in range(660, 668)}
    assert vocab.concept(dak_nong).replaced_by == (str(VOCAB["admin-units-2025/68"]),)  # type: ignore[union-attr]


def test_admin_schemes_carry_their_version(vocab: Vocabularies) -> None:
    assert vocab.scheme("admin-units-2004").version == "2004"  # type: ignore[union-attr]
    assert vocab.scheme("admin-units-2025").version == "2025"  # type: ignore[union-attr]


# -- labels, history, order ---------------------------------------------------------------------


def test_labels_fall_back_to_vietnamese(vocab: Vocabularies) -> None:
    assert vocab.label(domain.OPEN) == "Dữ liệu mở"
    assert vocab.label(domain.OPEN, "en") == "Open data"
    assert vocab.label(domain.OPEN, "fr") == "Dữ liệu mở"
    # EU tables have no Vietnamese: English is the next fallback.
    assert vocab.label(str(EU["file-type/CSV"])) == "CSV"
    assert vocab.label(str(EU["language/VIE"]), "vi") == "Vietnamese"
    assert vocab.label(str(VOCAB["statuses"])) == "Trạng thái bản ghi"
    assert vocab.label("https://example.org/unknown") is None


def test_legacy_concepts_are_deprecated_but_still_resolve(vocab: Vocabularies) -> None:
    legacy = {c.code for c in vocab.concepts("sharing-modes") if c.deprecated}
    assert legacy == {"MAC_DINH", "THEO_YEU_CAU_DAC_THU"}
    assert vocab.resolve("sharing-modes", "MAC_DINH") is not None
    district = vocab.concept(str(VOCAB["agency-levels/HUYEN"]))
    assert district is not None and district.deprecated and str(district.valid_to) == "2025-06-30"


def test_concepts_keep_the_order_of_the_scheme(vocab: Vocabularies) -> None:
    codes = [c.code for c in vocab.concepts("frequencies")]
    assert codes[0] == "CONTINUOUS" and codes[-1] == "NEVER"
    assert [c.code for c in vocab.concepts("statuses")] == ["DRAFT", "PUBLISHED", "RETIRED"]


def test_schemes_list_ours_then_the_eu_ones(vocab: Vocabularies) -> None:
    ids = [s.id for s in vocab.schemes()]
    assert ids[-len(EU_SCHEMES) :] == list(EU_SCHEMES)
    assert {p.stem for p in SCHEME_FILES} == set(ids[: -len(EU_SCHEMES)])
    assert all(s.titles.get("vi") for s in vocab.schemes())


def test_concepts_are_immutable(vocab: Vocabularies) -> None:
    concept = vocab.concept(domain.DRAFT)
    assert concept is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        concept.code = "X"  # type: ignore[misc]
    with pytest.raises(TypeError):
        concept.labels["vi"] = "X"  # type: ignore[index]


# -- publication graph --------------------------------------------------------------------------


def test_graph_of_a_scheme_is_a_fresh_complete_copy(vocab: Vocabularies) -> None:
    graph = vocab.graph_of("statuses")
    assert graph is not None
    scheme = VOCAB["statuses"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == {
        URIRef(c.uri) for c in vocab.concepts("statuses")
    }
    reparsed = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert len(reparsed) == len(graph)
    graph.remove((scheme, None, None))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in vocab.graph_of("statuses")  # type: ignore[operator]
    assert vocab.graph_of("eu-file-types") is not None
    assert vocab.graph_of("nope") is None


# -- the loader ---------------------------------------------------------------------------------


def test_loading_is_cached_per_directory(vocab: Vocabularies) -> None:
    assert load_vocabularies() is vocab
    assert load_vocabularies(str(PACKAGE_DIR)) is vocab
    lookup: ConceptLookup = vocab  # the port the domain is typed against
    assert lookup.resolve("statuses", "DRAFT") == domain.DRAFT


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix cat: <https://data.lamdong.gov.vn/def/catalog#> .\n" + body,
        encoding="utf-8",
    )
    return path


def test_a_file_whose_scheme_uri_does_not_match_its_name_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "colours", "<https://data.lamdong.gov.vn/vocab/colors> a skos:ConceptScheme .\n")
    with pytest.raises(VocabularyError, match="should be"):
        read_scheme(path)


def test_a_concept_without_a_code_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "colours",
        "<https://data.lamdong.gov.vn/vocab/colours> a skos:ConceptScheme .\n"
        "<https://data.lamdong.gov.vn/vocab/colours/RED>\n"
        "    skos:inScheme <https://data.lamdong.gov.vn/vocab/colours> .\n",
    )
    with pytest.raises(VocabularyError, match="notation"):
        read_scheme(path)


def test_an_order_listing_a_foreign_concept_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "colours",
        "<https://data.lamdong.gov.vn/vocab/colours> a skos:ConceptScheme ;\n"
        "    cat:conceptOrder ( <https://data.lamdong.gov.vn/vocab/statuses/DRAFT> ) .\n",
    )
    with pytest.raises(VocabularyError, match="conceptOrder"):
        read_scheme(path)


def test_duplicate_codes_are_refused() -> None:
    def concept(uri: str) -> Concept:
        return Concept(uri=uri, scheme="colours", code="red")

    scheme = ConceptScheme(
        uri=str(VOCAB["colours"]), id="colours", concepts=(concept("urn:a"), concept("urn:b"))
    )
    with pytest.raises(VocabularyError, match="used twice"):
        Vocabularies([scheme], {})
