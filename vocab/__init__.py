"""Controlled vocabularies (SKOS) and the RDF side of the catalog.

The province's own concept schemes are Turtle files in ``vocab/schemes``; the EU authority tables
they map to are RDF/XML files in ``vocab/eu``. :mod:`vocab.skos` loads both into
:mod:`vocab.vocabularies`, which implements :class:`dictionary.ports.ConceptLookup`;
:mod:`vocab.namespaces` holds every namespace URI.
"""
