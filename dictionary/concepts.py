"""Concept URIs the domain rules depend on.

Every coded value is a SKOS concept URI from one of the schemes in ``vocab/schemes`` (loaded and
validated through :class:`dictionary.ports.ConceptLookup`). The few concepts that business rules
branch on (statuses, personal-data categories, ownership roles…) are named here, built from the
same namespace the Turtle files use, so a rule never compares free text.
"""

from __future__ import annotations

VOCAB_NAMESPACE = "https://data.lamdong.gov.vn/vocab/"
"""Namespace of the province's own vocabularies: ``<namespace><scheme>/<code>``.

Fixed rather than derived from the configured base URI: stored values must not change when the
service moves to another host.
"""

SKOS = "http://www.w3.org/2004/02/skos/core#"


def concept(scheme: str, code: str) -> str:
    return f"{VOCAB_NAMESPACE}{scheme}/{code}"


def code_of(uri: str) -> str:
    """The last path segment of a concept URI (its notation in our schemes)."""
    return uri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# Dataset life cycle.
DRAFT = concept("statuses", "DRAFT")
PUBLISHED = concept("statuses", "PUBLISHED")
RETIRED = concept("statuses", "RETIRED")

# Personal data, Decree 356/2025; ordered from least to most sensitive for the dataset roll-up.
PERSONAL_NONE = concept("personal-data", "KHONG")
PERSONAL_BASIC = concept("personal-data", "CO_BAN")
PERSONAL_SENSITIVE = concept("personal-data", "NHAY_CAM")
PERSONAL_DATA_ORDER = (PERSONAL_NONE, PERSONAL_BASIC, PERSONAL_SENSITIVE)

# Sharing classes, Law on Data art. 13.1a.
SHARED = concept("sharing-classes", "DUNG_CHUNG")
PRIVATE = concept("sharing-classes", "DUNG_RIENG")
OPEN = concept("sharing-classes", "MO")

# A distribution anyone may use (EU access-right vocabulary): its URLs are public too.
PUBLIC_ACCESS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"

# Ownership roles.
OWNER = concept("ownership-roles", "OWNER")
CUSTODIAN = concept("ownership-roles", "CUSTODIAN")
STEWARD = concept("ownership-roles", "STEWARD")

# Agency lineage events.
RENAMED = concept("agency-events", "RENAMED")
MERGED_INTO = concept("agency-events", "MERGED_INTO")
SPLIT_FROM = concept("agency-events", "SPLIT_FROM")
FUNCTIONS_TRANSFERRED = concept("agency-events", "FUNCTIONS_TRANSFERRED")

# Terms of the shared data dictionary: only a term in force is one that fields must conform to.
TERM_DRAFT = concept("term-statuses", "DRAFT")
TERM_IN_FORCE = concept("term-statuses", "IN_FORCE")
TERM_SUPERSEDED = concept("term-statuses", "SUPERSEDED")

# Standard mappings use the SKOS mapping properties themselves.
MAPPING_RELATIONS = tuple(
    SKOS + name for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
)

# Which scheme validates each coded property: the property registry says it
# (dictionary/properties); these are the coded values that are not properties of an entity.
OTHER_SCHEMES = {
    "role": "ownership-roles",
    "event_kind": "agency-events",
    "term_status": "term-statuses",
}

# The legal-basis register is the standards register's regulations; a refusal cites one of them.
REGULATION = concept("standard-kinds", "REGULATION")
DICTIONARY_TERM = concept("standard-kinds", "DICTIONARY_TERM")
"""A dictionary of terms (the national one, the province's): the standard a term belongs to."""
