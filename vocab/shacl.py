"""Validation of DCAT output against the official DCAT-AP SHACL shapes, reported in plain words.

The gate (reference/dcat.md §6, the EU ITB validator's profiles) is five runs of pyshacl:

- ``shapes-3.0.0``: DCAT-AP 3.0.0 ``shapes.ttl`` — mandatory properties, cardinalities, node kinds;
- ``range-3.0.0``: ``range.ttl`` — the class of every object, with the EU vocabularies in the data
  graph (they type themes and concept schemes);
- ``vocabularies-3.0.0``: ``mdr-vocabularies.shape.ttl`` — values from the EU tables, again with
  the vocabularies in the data graph; a non-EU publisher is always a Warning there (expected);
- ``shapes-2.1.1``: the 2.1.1 shapes, because 3.0.0 does not check dates (it uses ``sh:shape``,
  which is not SHACL, where 2.1.1 has ``sh:node``);
- ``recommended-3.0.0``: ``shapes_recommended.ttl`` — Warnings only, reported, never failing.

Violations in the first four fail; Warnings are counted and shown. One erratum is applied to the
shape files in memory (the files in vocab/shapes stay unmodified copies): both 3.0.0 and 2.1.1
demand ``dcat:byteSize`` as ``xsd:decimal``, while the DCAT-AP 3.0 specification and the 3.0.1
shapes say ``xsd:nonNegativeInteger``; we follow the specification.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from vocab.namespaces import DCAT, PREFIXES, RDF, XSD, bind_prefixes

SH = "http://www.w3.org/ns/shacl#"
PACKAGE_DIR = Path(__file__).resolve().parent
SHAPES_DIR = PACKAGE_DIR / "shapes"
EU_DIR = PACKAGE_DIR / "eu"


@dataclass(frozen=True)
class Profile:
    key: str
    file: str
    title: str
    with_vocabularies: bool = False
    gate: bool = True
    """Violations of a gate profile fail validation; other profiles are advice."""


PROFILES: tuple[Profile, ...] = (
    Profile("shapes-3.0.0", "shapes.ttl", "DCAT-AP 3.0.0 shapes"),
    Profile("range-3.0.0", "range.ttl", "DCAT-AP 3.0.0 class ranges", with_vocabularies=True),
    Profile(
        "vocabularies-3.0.0",
        "mdr-vocabularies.shape.ttl",
        "DCAT-AP 3.0.0 controlled vocabularies",
        with_vocabularies=True,
    ),
    Profile("shapes-2.1.1", "dcat-ap_2.1.1_shacl_shapes.ttl", "DCAT-AP 2.1.1 shapes (dates)"),
    Profile(
        "recommended-3.0.0", "shapes_recommended.ttl", "DCAT-AP 3.0.0 recommended properties", gate=False
    ),
)
PROFILE_BY_KEY = {profile.key: profile for profile in PROFILES}


@dataclass(frozen=True)
class Finding:
    """One SHACL result, with a sentence a data steward can act on."""

    profile: str
    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    focus: str
    path: str | None
    value: str | None
    message: str
    gate: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "profile": self.profile,
            "severity": self.severity,
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation" and f.gate]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f not in self.violations]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def counts(self) -> dict[str, dict[str, int]]:
        """Per profile: how many results of each severity."""
        counts = {key: Counter[str]() for key in self.profiles}
        for finding in self.findings:
            counts.setdefault(finding.profile, Counter())[finding.severity] += 1
        return {
            key: {"violations": c["Violation"], "warnings": c["Warning"] + c["Info"]}
            for key, c in counts.items()
        }

    def extend(self, other: Report) -> None:
        self.findings.extend(other.findings)
        self.profiles.extend(p for p in other.profiles if p not in self.profiles)


class DcatValidator:
    """Loads the shapes and vocabularies once (lazily) and validates graphs against them."""

    def __init__(self, shapes_dir: Path = SHAPES_DIR, vocabularies_dir: Path = EU_DIR) -> None:
        self.shapes_dir = shapes_dir
        self.vocabularies_dir = vocabularies_dir
        self._shapes: dict[str, Graph] = {}
        self._vocabularies: Graph | None = None

    def shapes(self, profile: Profile) -> Graph:
        if profile.key not in self._shapes:
            graph = Graph().parse(self.shapes_dir / profile.file, format="turtle")
            self._shapes[profile.key] = apply_errata(graph)
        return self._shapes[profile.key]

    def vocabularies(self) -> Graph:
        """The EU tables (vocab/eu) and the ADMS lists (vocab/shapes), as the codelist checks need."""
        if self._vocabularies is None:
            graph = Graph()
            files = sorted(self.vocabularies_dir.glob("*.rdf")) + sorted(self.shapes_dir.glob("*.rdf"))
            for path in files:
                graph.parse(path, format="xml")
            self._vocabularies = graph
        return self._vocabularies

    def validate(self, data: Graph, profiles: Sequence[Profile] = PROFILES) -> Report:
        # Imported here: pyshacl brings rdflib's SPARQL engine, a second of start-up for every
        # process, while only validation (an API call, a CLI command) needs it.
        import pyshacl

        report = Report()
        for profile in profiles:
            graph = data
            if profile.with_vocabularies:
                graph = Graph()
                graph += self.vocabularies()
                graph += data
            _conforms, results, _text = pyshacl.validate(
                graph,
                shacl_graph=self.shapes(profile),
                inference="none",
                allow_warnings=True,
                allow_infos=True,
                inplace=True,
            )
            report.profiles.append(profile.key)
            report.findings.extend(_findings(profile, results, data, self.shapes(profile)))
        return report


def apply_errata(shapes: Graph) -> Graph:
    """dcat:byteSize: xsd:decimal → xsd:nonNegativeInteger (DCAT-AP 3.0 spec, fixed in 3.0.1)."""
    path, datatype = URIRef(SH + "path"), URIRef(SH + "datatype")
    for shape in list(shapes.subjects(path, DCAT.byteSize)):
        if (shape, datatype, XSD.decimal) in shapes:
            shapes.remove((shape, datatype, XSD.decimal))
            shapes.add((shape, datatype, XSD.nonNegativeInteger))
    return shapes


# Plain words -------------------------------------------------------------------------------

_NAMES = bind_prefixes(Graph()).namespace_manager
PROPERTY_WORDS = {
    "dct:title": "a title",
    "dct:description": "a description",
    "dct:publisher": "a publisher",
    "dcat:accessURL": "an access URL",
    "dcat:contactPoint": "a contact point",
    "dcat:distribution": "a distribution",
    "dcat:keyword": "keywords",
    "dcat:theme": "a theme",
    "dct:spatial": "a spatial coverage",
    "dct:temporal": "a temporal coverage",
    "dct:license": "a licence",
    "dct:format": "a file format",
    "dcatap:availability": "a planned availability",
    "foaf:name": "a name",
    "dct:type": "a type",
    "dcat:startDate": "a start date",
    "dcat:endDate": "an end date",
    "dcat:bbox": "a bounding box",
    "dcat:centroid": "a centroid",
}
COMPONENT_WORDS = {
    "MinCountConstraintComponent": "{focus} lacks {what}{needed}.",
    "MaxCountConstraintComponent": "{focus} has more values of {path} than allowed ({limit}).",
    "NodeKindConstraintComponent": "{focus}: {path} must be {kind}, not {value}.",
    "ClassConstraintComponent": "{focus}: {path} points to {value}, which is not typed {cls}.",
    "DatatypeConstraintComponent": "{focus}: {path} must be typed {datatype}, not {value}.",
    "NodeConstraintComponent": "{focus}: {path} value {value} is not accepted: {reason}",
    "OrConstraintComponent": "{focus}: {path} value {value} is not accepted: {reason}",
    "HasValueConstraintComponent": "{focus}: {path} should include {expected}.",
    "PatternConstraintComponent": "{focus}: {path} value {value} does not match {pattern}.",
}


def _findings(profile: Profile, results: Graph, data: Graph, shapes: Graph) -> Iterable[Finding]:
    sh = lambda name: URIRef(SH + name)  # noqa: E731 - a local shorthand keeps the lookups legible
    # Only the report's own results: nested sh:detail results repeat them with their inner severity.
    for result in results.objects(None, sh("result")):
        severity = _local(results.value(result, sh("resultSeverity"))) or "Violation"
        focus = results.value(result, sh("focusNode"))
        path = results.value(result, sh("resultPath"))
        value = results.value(result, sh("value"))
        component = _local(results.value(result, sh("sourceConstraintComponent"))) or ""
        shape = results.value(result, sh("sourceShape"))
        fallback = results.value(result, sh("resultMessage"))
        message = _sentence(
            component=component,
            focus=focus,
            path=path,
            value=value,
            shape=shape,
            shapes=shapes,
            data=data,
            fallback=fallback,
        )
        yield Finding(
            profile=profile.key,
            severity=severity,
            focus=str(focus) if focus is not None else "",
            path=_name(path) if path is not None and not isinstance(path, BNode) else None,
            value=str(value) if value is not None else None,
            message=message,
            gate=profile.gate,
        )


def _sentence(
    *,
    component: str,
    focus: Node | None,
    path: Node | None,
    value: Node | None,
    shape: Node | None,
    shapes: Graph,
    data: Graph,
    fallback: Node | None,
) -> str:
    sh = lambda name: URIRef(SH + name)  # noqa: E731
    kind = next((_name(t) for t in data.objects(focus, RDF.type)), "resource") if focus is not None else ""
    path_name = _name(path) if isinstance(path, URIRef) else "a property"
    words = {
        "focus": f"{kind} <{focus}>",
        "path": path_name,
        "what": PROPERTY_WORDS.get(path_name, path_name),
        "value": _shown(value),
        "needed": "",
        "limit": "",
        "kind": "",
        "cls": "",
        "datatype": "",
        "reason": "",
        "expected": "",
        "pattern": "",
    }
    if shape is not None:
        for name, key in (
            ("minCount", "needed"),
            ("maxCount", "limit"),
            ("nodeKind", "kind"),
            ("class", "cls"),
            ("datatype", "datatype"),
            ("hasValue", "expected"),
            ("pattern", "pattern"),
        ):
            found = shapes.value(shape, sh(name))
            if found is not None:
                words[key] = _name(found) if isinstance(found, URIRef) else str(found)
        reason = shapes.value(shape, sh("description")) or shapes.value(shape, sh("message")) or fallback
        if reason is not None:
            words["reason"] = str(reason)
    if words["needed"] and words["needed"] != "1":
        words["needed"] = f" (at least {words['needed']} needed)"
    else:
        words["needed"] = ""
    words["kind"] = {"sh:IRI": "an IRI", "sh:Literal": "a literal", "sh:BlankNodeOrIRI": "an IRI"}.get(
        words["kind"], words["kind"]
    )
    if not words["reason"]:
        words["reason"] = "see the shape's definition"
    template = COMPONENT_WORDS.get(component)
    if template is None:
        return f"{words['focus']}: {path_name} fails {component}."
    return template.format(**words)


def _name(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(str(namespace)) and text != str(namespace):
                return f"{prefix}:{text[len(str(namespace)) :]}"
        if text.startswith(SH):
            return "sh:" + text[len(SH) :]
        return text
    return str(node)


def _shown(value: Node | None) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, Literal):
        datatype = f"^^{_name(value.datatype)}" if value.datatype else ""
        return f'"{value}"{datatype}'
    return f"<{value}>"


def _local(node: Node | None) -> str | None:
    if node is None:
        return None
    return str(node).rsplit("#", 1)[-1]
