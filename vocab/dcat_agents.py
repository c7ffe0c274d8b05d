"""Agencies as ``foaf:Agent`` / ``org:Organization``, their roles on datasets, and contact points.

Contact points: the people the catalog records (``ContactPoint``: name, e-mail, phone) are contact
data that only the dataset's scope and grant holders may see (dictionary/visibility.py). Everyone
else gets the owner agency's official contact (its name, official mailbox and web site) as a
``vcard:Organization``, so DCAT-AP's recommended dcat:contactPoint is still there without
publishing a civil servant's personal data.
"""

from __future__ import annotations

from urllib.parse import quote

from dictionary import concepts as C
from dictionary.models import Agency, ContactPoint, Dataset
from vocab.dcat import DcatContext
from vocab.rdf_buffer import TripleBuffer, TripleSink
from vocab.rdf_iris import CAT, DCAT, DCT, FOAF, ORG, PROV, RDF, VCARD
from vocab.rdf_terms import Iri, as_date, iri, plain, text

ROLES = {C.OWNER: "owner", C.CUSTODIAN: "custodian", C.STEWARD: "steward"}


def agent_to_rdf(sink: TripleSink, ctx: DcatContext, agency: Agency) -> Iri:
    """The agency as DCAT-AP's Agent: names in both languages, ADMS publisher type, identifier."""
    key = ("agent", ctx.uris.base, agency.id, agency.lock_version)
    return ctx.terms.replay(sink, key, lambda out: _agent(out, ctx, agency))


def _agent(sink: TripleSink, ctx: DcatContext, agency: Agency) -> Iri:
    node = ctx.uris.agency(agency.code)
    sink.add((node, RDF.type, FOAF.Agent))
    sink.add((node, RDF.type, ORG.Organization))
    for value, lang in ((agency.name_vi, "vi"), (agency.name_en, "en")):
        literal = text(value, lang)
        if literal is not None:
            sink.add((node, FOAF.name, literal))
    literal = plain(agency.code)
    if literal is not None:
        sink.add((node, DCT.identifier, literal))
    kind = ctx.terms.publisher_type(sink, agency.level)
    if kind is not None:
        sink.add((node, DCT.type, kind))
    return node


def agency_to_rdf(agency: Agency, ctx: DcatContext, sink: TripleSink | None = None) -> TripleSink:
    """The document at /agency/<code>: the agent, its level, parent, validity and lineage."""
    out: TripleSink = sink if sink is not None else TripleBuffer()
    node = agent_to_rdf(out, ctx, agency)
    short = text(agency.short_name, "vi")
    if short is not None:
        out.add((node, FOAF.nick, short))
    if agency.level:
        out.add((node, CAT.level, ctx.terms.describe(out, agency.level)))
    if agency.parent is not None:
        out.add((node, ORG.subOrganizationOf, agent_to_rdf(out, ctx, agency.parent)))
    for child in agency.children:
        out.add((agent_to_rdf(out, ctx, child), ORG.subOrganizationOf, node))
    homepage = iri(agency.homepage)
    if homepage is not None:
        out.add((node, FOAF.homepage, homepage))
        out.add((homepage, RDF.type, FOAF.Document))
    mailbox = iri(f"mailto:{agency.email}") if agency.email else None
    if mailbox is not None:
        out.add((node, FOAF.mbox, mailbox))
    for predicate, day in ((CAT.validFrom, agency.valid_from), (CAT.validTo, agency.valid_to)):
        literal = as_date(day)
        if literal is not None:
            out.add((node, predicate, literal))
    for event in agency.events:
        # Lineage (renamed, merged into…) as org:ChangeEvent, so a harvester can follow a merger.
        change = Iri(f"{node}#event-{event.id}")
        out.add((change, RDF.type, ORG.ChangeEvent))
        out.add((change, ORG.originalOrganization, node))
        if event.related_agency is not None:
            out.add((change, ORG.resultingOrganization, agent_to_rdf(out, ctx, event.related_agency)))
        out.add((change, CAT.eventKind, ctx.terms.describe(out, event.kind)))
        out.add((change, DCT.date, as_date(event.effective_on)))
        for predicate, value in ((DCT.source, event.legal_basis), (DCT.description, event.note)):
            literal = text(value, "vi")
            if literal is not None:
                out.add((change, predicate, literal))
    return out


def attributions_to_rdf(sink: TripleSink, ctx: DcatContext, dataset: Dataset, node: Iri) -> None:
    """Current owner, custodian and steward as prov:qualifiedAttribution with a dcat:Role."""
    for role, name in ROLES.items():
        assignment = dataset.current_assignment(role)
        if assignment is None:
            continue
        attribution = Iri(f"{node}#{name}")
        sink.add((node, PROV.qualifiedAttribution, attribution))
        sink.add((attribution, RDF.type, PROV.Attribution))
        sink.add((attribution, PROV.agent, agent_to_rdf(sink, ctx, assignment.agency)))
        sink.add((attribution, DCAT.hadRole, ctx.terms.role(sink, role)))
        since = as_date(assignment.valid_from)
        if since is not None:
            sink.add((attribution, CAT.validFrom, since))


def contact_points_to_rdf(
    sink: TripleSink, ctx: DcatContext, dataset: Dataset, owner: Agency | None
) -> list[Iri]:
    if ctx.visibility.sees_access_details(dataset) and dataset.contact_points:
        return [_person(sink, ctx, dataset, point) for point in dataset.contact_points]
    if owner is None:
        return []
    return [_organisation(sink, ctx, owner)]


def _organisation(sink: TripleSink, ctx: DcatContext, agency: Agency) -> Iri:
    node = Iri(f"{ctx.uris.agency(agency.code)}#contact")
    sink.add((node, RDF.type, VCARD.Kind))
    sink.add((node, RDF.type, VCARD.Organization))
    literal = text(agency.name_vi, "vi")
    if literal is not None:
        sink.add((node, VCARD.fn, literal))
    english = text(agency.name_en, "en")
    if english is not None:
        sink.add((node, VCARD.fn, english))
    mailbox = iri(f"mailto:{agency.email}") if agency.email else None
    if mailbox is not None:
        sink.add((node, VCARD.hasEmail, mailbox))
    homepage = iri(agency.homepage)
    if homepage is not None:
        sink.add((node, VCARD.hasURL, homepage))
    return node


def _person(sink: TripleSink, ctx: DcatContext, dataset: Dataset, point: ContactPoint) -> Iri:
    node = Iri(f"{ctx.uris.dataset(dataset.slug)}/contact/{point.id}")
    sink.add((node, RDF.type, VCARD.Kind))
    sink.add((node, RDF.type, VCARD.Individual))
    literal = text(point.name, "vi")
    if literal is not None:
        sink.add((node, VCARD.fn, literal))
    role = text(point.role, "vi")
    if role is not None:
        sink.add((node, VCARD.role, role))
    email = point.email
    mailbox = iri(f"mailto:{email}") if email else None
    if mailbox is not None:
        sink.add((node, VCARD.hasEmail, mailbox))
    if point.phone:
        # The number as written ("0263 3822 111"), percent-encoded: readable back without loss.
        telephone = iri(f"tel:{quote(point.phone.strip(), safe='+-.()')}")
        if telephone is not None:
            sink.add((node, VCARD.hasTelephone, telephone))
    agency = point.agency
    if agency is not None:
        literal = text(agency.name_vi, "vi")
        if literal is not None:
            sink.add((node, VCARD["organization-name"], literal))
    return node
