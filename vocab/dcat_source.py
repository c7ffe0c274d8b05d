"""Republishing what a harvested source said, as it said it (the inverse of vocab.dcat_import_source).

Texts keep the language they came in, the source's identifier, dates, languages, spatial coverage,
standards and other identifiers go out as given, and ``cat:harvestedFrom`` links back to the
record at the source. A dataset described here has none of these and is published as before.
"""

from __future__ import annotations

from dictionary.models import Dataset
from vocab.dcat_terms import Terms
from vocab.rdf_iris import ADMS, CAT, DCAT, DCT, EU, RDF, SKOS
from vocab.rdf_terms import XSD_DATE, XSD_DATETIME, Blank, Iri, Lit, clean_text, given, iri
from vocab.rdf_writers import TripleSink

__all__ = ["dated", "language_of", "source_values_to_rdf", "tagged"]

PROPERTY_OF_TEXT = {"title": DCT.title, "description": DCT.description, "keywords": DCAT.keyword}


def language_of(dataset: Dataset) -> str:
    """The tag of the dataset's main texts: vi unless a source wrote them in another language."""
    return "vi" if dataset.text_language is None else dataset.text_language


def tagged(value: str | None, lang: str) -> Lit | None:
    """A text with its language tag; '' is a text its source left untagged."""
    cleaned = clean_text(value) if value else ""
    if not cleaned:
        return None
    return Lit(cleaned, lang) if lang else Lit(cleaned)


def dated(value: str) -> Lit:
    """A source's date as it gave it, typed by its form."""
    return Lit(value, None, XSD_DATETIME if "T" in value else XSD_DATE)


def source_values_to_rdf(sink: TripleSink, terms: Terms, dataset: Dataset, node: Iri) -> None:
    """Languages, coverage, standards, other identifiers, further translations and the source link."""
    for language in dataset.languages or ():
        if language.startswith(f"{EU}language/") and terms.vocabularies.concept(language):
            sink.add((node, DCT.language, terms.language(sink, Iri(language))))
        else:
            sink.add((node, DCT.language, iri(language) or given(language)))
    for place in dataset.coverage or ():
        sink.add((node, DCT.spatial, iri(place) or given(place)))
    for standard in dataset.conforms_to or ():
        uri = iri(standard)
        if uri is None:  # a standard named, not identified: a node with its name
            uri_or_node: Iri | Blank = Blank.new()
            sink.add((uri_or_node, DCT.title, given(standard)))
        else:
            uri_or_node = uri
        sink.add((node, DCT.conformsTo, uri_or_node))
        sink.add((uri_or_node, RDF.type, DCT.Standard))
    for notation in dataset.other_identifiers or ():
        identifier = Blank.new()
        sink.add((node, ADMS.identifier, identifier))
        sink.add((identifier, SKOS.notation, given(notation)))
    _translations_to_rdf(sink, dataset, node)
    source = iri(dataset.source_uri)
    if source is not None:
        sink.add((node, CAT.harvestedFrom, source))


def _translations_to_rdf(sink: TripleSink, dataset: Dataset, node: Iri) -> None:
    """Titles, descriptions and keywords in the further languages a source gave."""
    for name, languages in (dataset.translations or {}).items():
        predicate = PROPERTY_OF_TEXT.get(name)
        if predicate is None:
            continue
        for lang, texts in languages.items():
            for value in texts:
                literal = tagged(value, lang)
                if literal is not None:
                    sink.add((node, predicate, literal))
