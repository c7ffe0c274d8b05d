"""Codes ↔ concept URIs for the template, and a field in the human form the template shows.

Stored values are concept URIs; people type and read codes. A code is written only when it
resolves back to the same URI, otherwise the URI itself is written (the reader accepts both),
so an export always imports back to the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from dictionary import concepts as C
from dictionary.ports import ConceptLookup
from dictionary.spreadsheets.columns import COLUMNS


class ListedConcept(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def uri(self) -> str: ...

    def label(self, lang: str = "vi") -> str: ...


class ListedScheme(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def uri(self) -> str: ...

    def title(self, lang: str = "vi") -> str: ...


@runtime_checkable
class ConceptListing(Protocol):
    """A lookup that can also enumerate schemes and concepts (vocab.vocabularies.Vocabularies can).

    Only the drop-downs, the Codes sheet and the hints in error messages need it; without it the
    template still works, with free-text cells.
    """

    def concepts(self, scheme_id: str) -> Sequence[ListedConcept]: ...

    def schemes(self) -> Sequence[ListedScheme]: ...


@dataclass(frozen=True)
class Choice:
    code: str
    label_vi: str
    label_en: str


class Vocabulary:
    """The :class:`ConceptLookup` port seen from a spreadsheet."""

    def __init__(self, lookup: ConceptLookup) -> None:
        self.lookup = lookup
        self.listing = lookup if isinstance(lookup, ConceptListing) else None

    def resolve(self, scheme: str, value: str) -> str | None:
        return self.lookup.resolve(scheme, value)

    def scheme_uri(self, value: str) -> str | None:
        return self.lookup.resolve("schemes", value)

    def code(self, scheme: str, uri: str | None) -> str | None:
        if uri is None:
            return None
        code = C.code_of(uri)
        return code if self.lookup.resolve(scheme, code) == uri else uri

    def scheme_id(self, uri: str | None) -> str | None:
        if uri is None:
            return None
        if self.listing is not None:
            for scheme in self.listing.schemes():
                if scheme.uri == uri:
                    return scheme.id
        return self.code("schemes", uri)

    def choices(self, scheme: str) -> list[Choice]:
        if self.listing is None:
            return []
        return [
            Choice(concept.code, concept.label("vi"), concept.label("en"))
            for concept in self.listing.concepts(scheme)
            if not getattr(concept, "deprecated", False)
        ]

    def scheme_choices(self) -> list[Choice]:
        if self.listing is None:
            return []
        return [Choice(s.id, s.title("vi"), s.title("en")) for s in self.listing.schemes()]


# A field in human form ------------------------------------------------------------


def sorted_mappings(mappings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mappings in a stable order, so two dictionaries compare equal whatever the row order."""
    return sorted(
        ({key: mapping.get(key) for key in ("standard", "relation", "term", "note")} for mapping in mappings),
        key=lambda m: (m["standard"], m["term"] or "", m["relation"], m["note"] or ""),
    )


def humanize(item: dict[str, Any], vocabulary: Vocabulary) -> dict[str, Any]:
    """A field input as people read it: codes instead of URIs, every attribute, in column order."""
    human = {attr: item.get(attr) for column in COLUMNS for attr in column.attrs}
    human["data_type"] = vocabulary.code("data-types", item.get("data_type"))
    human["personal_data"] = vocabulary.code("personal-data", item.get("personal_data"))
    human["code_list_scheme"] = vocabulary.scheme_id(item.get("code_list_scheme"))
    for column in COLUMNS:
        if column.kind == "bool":
            human[column.en] = bool(item.get(column.en))
    human["mappings"] = sorted_mappings(
        [
            mapping | {"relation": str(mapping.get("relation") or C.SKOS + "exactMatch").removeprefix(C.SKOS)}
            for mapping in item.get("mappings") or []
        ]
    )
    return human
