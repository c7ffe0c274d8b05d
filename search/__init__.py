"""Search over the catalog: one interface, three backends (DESIGN.md §5).

- :mod:`search.interface`: the :class:`~search.interface.SearchBackend` protocol, queries, results.
- :mod:`search.documents`: the only place a dataset is flattened into index documents.
- :mod:`search.text`: Vietnamese text handling (NFC, diacritic folding, abbreviations, query terms).
- :mod:`search.dsl`: the OpenSearch / Elasticsearch request bodies, as plain data.
- :mod:`search.engine`, :mod:`search.opensearch`, :mod:`search.elasticsearch`: the engine backends.
- :mod:`search.database`: the embedded backend (SQLite FTS5 or PostgreSQL full text).
- :mod:`search.outbox`: the change recorder, the outbox applier and the fallback service.

Matching rules are the same on every backend, and the contract suite in ``tests/search`` proves it:
a query is cut into terms (diacritics folded, stop words dropped, abbreviations expanded both
ways); a document matches when it contains at least :func:`search.text.required_matches` of them;
a term that no visible document contains is matched with one typo allowed; visibility is a filter
inside the query.
"""
