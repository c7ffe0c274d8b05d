"""The property registry: what each entity's properties are, described once (see base.py)."""

from dictionary.properties.base import Kind, Properties, Property, Section
from dictionary.properties.dataset import DATASET
from dictionary.properties.distribution import DISTRIBUTION
from dictionary.properties.field import FIELD
from dictionary.properties.organisations import AGENCY, STANDARD
from dictionary.properties.term import TERM

REGISTRIES = (DATASET, FIELD, DISTRIBUTION, AGENCY, STANDARD, TERM)


def label(name: str, lang: str) -> str | None:
    """The label of a property name, whichever entity has it first (dataset, field, distribution)."""
    for registry in REGISTRIES:
        prop = registry.get(name)
        if prop is not None:
            return prop.label(lang)
    return None


__all__ = [
    "AGENCY",
    "DATASET", "DISTRIBUTION", "FIELD", "REGISTRIES",
    "STANDARD", "TERM", "Kind", "Properties", "Property", "Section", "label"]
