"""The data dictionary in DCAT: fields, the standards they follow and the mappings onto them.

Each field is a ``csvw:Column`` with a URI of its own (``…/dataset/<slug>/field/<name>``) linked
from the dataset by ``cat:field``; its position, type, size, keys, code list and personal-data
category are ``cat:`` properties. A field ↔ standard mapping goes out twice: as the plain SKOS
triple a generic consumer understands (``<field> skos:exactMatch <standard term>``) and as a
``cat:StandardMapping`` node that keeps the note and the term, so a harvest gets it back whole.
The CSVW and Table Schema documents of the dictionary are ``dct:Standard``s that the dataset's
distributions ``dct:conformsTo`` (DCAT-AP 3 "linked schemas").
"""

from __future__ import annotations

from dictionary.models import Dataset, Field, Standard
from vocab.dcat import DcatContext
from vocab.rdf_buffer import TripleBuffer, TripleSink
from vocab.rdf_iris import CAT, CSVW, DCT, FOAF, OWL, RDF, SKOS, XSD
from vocab.rdf_terms import Iri, Term, as_date, iri, plain, text, typed

CSVW_SPEC = Iri("http://www.w3.org/TR/tabular-metadata/")
TABLE_SCHEMA_SPEC = Iri("https://specs.frictionlessdata.io/table-schema/")


def visible_fields(dataset: Dataset, ctx: DcatContext) -> list[Field]:
    """The fields the context's principal may see (:meth:`Visibility.visible_fields`)."""
    return ctx.visibility.visible_fields(dataset)


def visible_reference(field: Field, ctx: DcatContext) -> Field | None:
    """The field ``field`` refers to, when the reader may see it (else the reference is left out)."""
    return field.foreign_key_field if ctx.visibility.sees_reference(field) else None


def dictionary_to_rdf(sink: TripleSink, ctx: DcatContext, dataset: Dataset, node: Iri) -> list[Iri]:
    """The dataset's fields; returns the schema documents its distributions conform to."""
    fields = visible_fields(dataset, ctx)
    if not fields:
        return []
    slug = dataset.slug
    schemas = []
    for document, spec, name_vi, name_en in (
        (ctx.uris.csvw(slug), CSVW_SPEC, "Từ điển dữ liệu (CSVW)", "Data dictionary (CSVW)"),
        (
            ctx.uris.table_schema(slug),
            TABLE_SCHEMA_SPEC,
            "Từ điển dữ liệu (Table Schema)",
            "Data dictionary (Frictionless Table Schema)",
        ),
    ):
        sink.add((document, RDF.type, DCT.Standard))
        _add(sink, document, DCT.title, text(f"{name_vi}: {dataset.title_vi}", "vi"))
        _add(sink, document, DCT.title, text(f"{name_en}: {dataset.title_en or dataset.title_vi}", "en"))
        sink.add((document, DCT.conformsTo, spec))
        sink.add((node, CAT.dataDictionary, document))
        schemas.append(document)
    for field in fields:
        sink.add((node, CAT.field, field_to_rdf(sink, ctx, dataset, field)))
    return schemas


def field_to_rdf(sink: TripleSink, ctx: DcatContext, dataset: Dataset, field: Field) -> Iri:
    add = sink.add
    terms = ctx.terms
    node = ctx.uris.field(dataset.slug, field.name)
    add((node, RDF.type, CSVW.Column))
    _add(sink, node, CSVW.name, plain(field.name))
    add((node, CAT.position, typed(field.position, XSD.integer)))
    for value, lang in ((field.label_vi, "vi"), (field.label_en, "en")):
        _add(sink, node, CSVW.title, text(value, lang))
    for value, lang in ((field.definition, "vi"), (field.definition_en, "en")):
        _add(sink, node, DCT.description, text(value, lang))
    if field.data_type:
        add((node, CAT.dataType, terms.describe(sink, field.data_type)))
        concept = terms.vocabularies.concept(field.data_type)
        if concept is not None and concept.xsd_type:
            add((node, CSVW.datatype, Iri(concept.xsd_type)))
    for predicate, flag in (
        (CSVW.required, field.required),
        (CAT.unique, field.unique),
        (CAT.primaryKey, field.primary_key),
        (CAT.restricted, field.restricted),
    ):
        if flag:
            add((node, predicate, typed("true", XSD.boolean)))
    for predicate, number in (
        (CAT.length, field.length),
        (CAT.precision, field.precision),
        (CAT.scale, field.scale),
    ):
        if number is not None:
            add((node, predicate, typed(number, XSD.integer)))
    _add(sink, node, CAT.unit, plain(field.unit))
    _add(sink, node, SKOS.example, plain(field.example))
    if field.personal_data:
        add((node, CAT.personalData, terms.describe(sink, field.personal_data)))
    if field.code_list_scheme:
        add((node, CAT.codeList, terms.scheme(sink, field.code_list_scheme)))
    if field.code_list_standard is not None:
        add((node, CAT.codeList, standard_to_rdf(field.code_list_standard, ctx, sink)))
    target = visible_reference(field, ctx)
    if target is not None:
        add((node, CAT.references, ctx.uris.field(target.dataset.slug, target.name)))
    return node


def mappings_to_rdf(sink: TripleSink, ctx: DcatContext, dataset: Dataset, node: Iri) -> None:
    """Dataset- and field-level mappings onto standards (SKOS triples plus a qualified node)."""
    shown = {field.id for field in visible_fields(dataset, ctx)}
    for mapping in dataset.mappings:
        if mapping.field_id is not None and mapping.field_id not in shown:
            continue
        source = node if mapping.field is None else ctx.uris.field(dataset.slug, mapping.field.name)
        standard = standard_to_rdf(mapping.standard, ctx, sink)
        target = standard
        if mapping.data_element is not None:
            # A registered term of the shared data dictionary: point at its concept, /term/<code>.
            from vocab.data_elements import term_reference

            target = term_reference(sink, ctx, mapping.data_element)
        elif mapping.term:
            target = ctx.uris.term(mapping.standard.code, mapping.term)
            sink.add((target, SKOS.inScheme, standard))
            _add(sink, target, SKOS.notation, plain(mapping.term))
        relation = Iri(mapping.relation)
        sink.add((source, relation, target))
        if mapping.field is None:
            sink.add((node, DCT.conformsTo, standard))
        qualified = Iri(f"{node}/mapping/{mapping.id}")
        sink.add((qualified, RDF.type, CAT.StandardMapping))
        sink.add((qualified, CAT.mappedFrom, source))
        sink.add((qualified, CAT.relation, relation))
        sink.add((qualified, CAT.standard, standard))
        _add(sink, qualified, CAT["term"], plain(mapping.term))
        _add(sink, qualified, SKOS.note, text(mapping.note, "vi"))
        sink.add((node, CAT.mapping, qualified))


def standard_to_rdf(standard: Standard, ctx: DcatContext, sink: TripleSink | None = None) -> Iri:
    """A registered standard as ``dct:Standard`` (the range of dct:conformsTo in DCAT-AP)."""
    out: TripleSink = sink if sink is not None else TripleBuffer()
    key = ("standard", ctx.uris.base, standard.id, standard.lock_version)
    return ctx.terms.replay(out, key, lambda target: _standard(target, ctx, standard))


def _standard(out: TripleSink, ctx: DcatContext, standard: Standard) -> Iri:
    node = ctx.uris.standard(standard.code)
    out.add((node, RDF.type, DCT.Standard))
    _add(out, node, SKOS.notation, plain(standard.code))
    _add(out, node, DCT.identifier, plain(standard.identifier))
    _add(out, node, DCT.title, text(standard.title_vi, "vi"))
    _add(out, node, DCT.title, text(standard.title_en, "en"))
    _add(out, node, CAT.issuer, text(standard.issuer, "vi"))
    if standard.kind:
        out.add((node, CAT.standardKind, ctx.terms.describe(out, standard.kind)))
    if standard.status:
        out.add((node, CAT.legalStatus, ctx.terms.describe(out, standard.status)))
    _add(out, node, OWL.versionInfo, plain(standard.version))
    _add(out, node, DCT.issued, as_date(standard.issued))
    page = iri(standard.url)
    if page is not None:
        out.add((node, FOAF.page, page))
        out.add((page, RDF.type, FOAF.Document))
    return node


def _add(sink: TripleSink, subject: Iri, predicate: Iri, obj: Term | None) -> None:
    if obj is not None:
        sink.add((subject, predicate, obj))
