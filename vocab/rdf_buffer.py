"""Triples grouped by subject: what the DCAT mappers write into and the writers read from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from rdflib import Graph

from vocab.rdf_terms import Term, from_rdflib, to_rdflib

__all__ = ["Triple", "TripleBuffer", "TripleSink"]

Triple = tuple[Term, Term, Term]


class TripleSink(Protocol):
    """Where mappers put triples (a :class:`TripleBuffer`; an rdflib Graph only through
    :meth:`TripleBuffer.into`)."""

    def add(self, triple: Triple, /) -> object: ...

    def objects(self, subject: Term, predicate: Term, /) -> Iterable[Term]: ...

    def __contains__(self, triple: Triple, /) -> bool: ...


class TripleBuffer:
    """The triples of one page, grouped by subject in insertion order, without duplicates.

    Cheaper than a ``Graph`` (no indexes, and its keys are light terms with ``str``/``tuple``
    hashing) and already in the order the writers need. ``described`` lets
    :class:`vocab.dcat_terms.Terms` skip descriptions it already wrote into this buffer.
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        # subject → predicate → objects (a dict used as an ordered set)
        self._subjects: dict[Term, dict[Term, dict[Term, None]]] = {}
        self._count = 0
        self.described: set[object] = set()
        for triple in triples:
            self.add(triple)

    def add(self, triple: Triple, /) -> TripleBuffer:
        subject, predicate, obj = triple
        predicates = self._subjects.get(subject)
        if predicates is None:
            predicates = self._subjects[subject] = {}
        objects = predicates.get(predicate)
        if objects is None:
            predicates[predicate] = {obj: None}
            self._count += 1
        elif obj not in objects:
            objects[obj] = None
            self._count += 1
        return self

    def __len__(self) -> int:
        return self._count

    def __contains__(self, triple: object) -> bool:
        if not isinstance(triple, tuple) or len(triple) != 3:
            return False
        subject, predicate, obj = triple
        return obj in self._subjects.get(subject, {}).get(predicate, {})

    def __iter__(self) -> Iterator[Triple]:
        for subject, predicates in self._subjects.items():
            for predicate, objects in predicates.items():
                for obj in objects:
                    yield subject, predicate, obj

    def subjects(self) -> Iterable[tuple[Term, dict[Term, dict[Term, None]]]]:
        return self._subjects.items()

    def objects(self, subject: Term, predicate: Term) -> list[Term]:
        return list(self._subjects.get(subject, {}).get(predicate, ()))

    @classmethod
    def from_graph(cls, graph: Graph) -> TripleBuffer:
        """A buffer of a graph in a stable order (sorted), so documents do not change between runs."""
        ordered = sorted(graph, key=lambda t: tuple((type(term).__name__, str(term)) for term in t))
        return cls((from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in ordered)

    def to_graph(self) -> Graph:
        """The same triples as an rdflib Graph (the SHACL gate, the tests): the adapter."""
        return self.into(Graph())

    def into(self, graph: Graph) -> Graph:
        add = graph.add
        for s, p, o in self:
            add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
        return graph
