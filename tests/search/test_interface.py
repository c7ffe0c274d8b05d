"""The search interface's own rules: facet values resolved for the backends."""

from __future__ import annotations

from search.interface import resolve_facets

VOCAB = {
    ("themes", "Y_TE"): "https://example.org/themes/Y_TE",
    ("themes", "https://example.org/themes/KINH_TE"): "https://example.org/themes/KINH_TE",
}


def resolve(scheme: str, value: str) -> str | None:
    return VOCAB.get((scheme, value))


def test_codes_and_uris_resolve_agencies_stay_codes() -> None:
    filters, unknown = resolve_facets(
        {"theme": ["Y_TE", "https://example.org/themes/KINH_TE"], "agency": ["H68.06"]}, resolve
    )
    assert filters == {
        "theme": ["https://example.org/themes/Y_TE", "https://example.org/themes/KINH_TE"],
        "agency": ["H68.06"],
    }
    assert unknown == {}


def test_values_that_name_no_concept_are_returned_apart() -> None:
    filters, unknown = resolve_facets({"theme": ["Y_TE", "NO_SUCH"], "status": ["GONE"]}, resolve)
    assert filters == {"theme": ["https://example.org/themes/Y_TE"]}  # a facet left with nothing is no filter
    assert unknown == {"theme": ["NO_SUCH"], "status": ["GONE"]}
