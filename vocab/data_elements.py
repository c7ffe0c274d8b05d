"""Terms of the shared data dictionary as SKOS concepts with their technical description.

A term is published at ``/term/<code>`` as a ``skos:Concept`` in the scheme of the dictionary
that issues it (a registered standard, so ``dct:Standard`` and ``skos:ConceptScheme`` at once):
names as ``skos:prefLabel`` / ``skos:altLabel`` (synonyms, abbreviations), the business
definition as ``skos:definition``, the management rules as ``skos:scopeNote``, examples as
``skos:example``, and the technical definition as the same ``cat:`` properties a field carries
(``cat:dataType``, ``cat:length``, ``cat:codeList``…) plus ``cat:pattern``; life cycle as
``cat:termStatus``, ``owl:versionInfo`` and ``dct:isReplacedBy``. In a dataset's DCAT a field
that holds a term points at that concept (``<field> skos:exactMatch </term/CODE>``).
"""

from __future__ import annotations

from dictionary.models import DataElement
from vocab.dcat import DcatContext
from vocab.dcat_dictionary import standard_to_rdf
from vocab.rdf_iris import CAT, DCT, OWL, RDF, SKOS, XSD
from vocab.rdf_terms import Iri, Term, as_date, as_datetime, plain, text, typed
from vocab.rdf_writers import TripleSink


def dictionary_scheme(sink: TripleSink, ctx: DcatContext, term: DataElement) -> Iri:
    """The issuing dictionary: its standard node, also typed as the concept scheme of its terms."""
    scheme = standard_to_rdf(term.standard, ctx, sink)
    sink.add((scheme, RDF.type, SKOS.ConceptScheme))
    return scheme


def term_reference(sink: TripleSink, ctx: DcatContext, term: DataElement) -> Iri:
    """The few triples that name a term where a dataset's mapping points at it."""
    node = ctx.uris.data_element(term.code)
    sink.add((node, RDF.type, SKOS.Concept))
    _add(sink, node, SKOS.prefLabel, text(term.name_vi, "vi"))
    _add(sink, node, SKOS.prefLabel, text(term.name_en, "en"))
    _add(sink, node, SKOS.notation, plain(term.code))
    sink.add((node, SKOS.inScheme, dictionary_scheme(sink, ctx, term)))
    return node


def term_to_rdf(sink: TripleSink, ctx: DcatContext, term: DataElement) -> Iri:
    """The whole description of a term, as ``/term/<code>`` serves it."""
    node = term_reference(sink, ctx, term)
    add = sink.add
    for value, lang in ((term.definition_vi, "vi"), (term.definition_en, "en")):
        _add(sink, node, SKOS.definition, text(value, lang))
    for label in (*term.synonyms, *term.abbreviations):
        _add(sink, node, SKOS.altLabel, text(label, "vi"))
    for example in term.examples:
        _add(sink, node, SKOS.example, plain(example))
    _add(sink, node, SKOS.scopeNote, text(term.rules_vi, "vi"))
    if term.data_type:
        add((node, CAT.dataType, ctx.terms.describe(sink, term.data_type)))
    for predicate, number in (
        (CAT.length, term.length),
        (CAT.precision, term.precision),
        (CAT.scale, term.scale),
    ):
        if number is not None:
            add((node, predicate, typed(number, XSD.integer)))
    _add(sink, node, CAT.pattern, plain(term.pattern))
    _add(sink, node, CAT["format"], text(term.format_vi, "vi"))
    _add(sink, node, CAT.unit, plain(term.unit))
    if term.code_list_scheme:
        add((node, CAT.codeList, ctx.terms.scheme(sink, term.code_list_scheme)))
    if term.code_list_standard is not None:
        add((node, CAT.codeList, standard_to_rdf(term.code_list_standard, ctx, sink)))
    if term.personal_data:
        add((node, CAT.personalData, ctx.terms.describe(sink, term.personal_data)))
    _add(sink, node, DCT.source, text(term.source_vi, "vi"))
    if term.provincial:
        add((node, CAT.provincial, typed("true", XSD.boolean)))
    if term.maintainer is not None:
        add((node, CAT.maintainer, ctx.uris.agency(term.maintainer.code)))
    add((node, CAT.termStatus, ctx.terms.describe(sink, term.status)))
    if term.superseded_by is not None:
        add((node, DCT.isReplacedBy, ctx.uris.data_element(term.superseded_by.code)))
    _add(sink, node, OWL.versionInfo, plain(term.version))
    _add(sink, node, CAT.validFrom, as_date(term.valid_from))
    _add(sink, node, DCT.modified, as_datetime(term.updated_at))
    return node


def _add(sink: TripleSink, subject: Iri, predicate: Iri, obj: Term | None) -> None:
    if obj is not None:
        sink.add((subject, predicate, obj))
