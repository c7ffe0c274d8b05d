"""Search over the catalog: one interface, three backends (DESIGN.md §5).

- :mod:`search.interface`: the :class:`~search.interface.SearchBackend` protocol, queries, results.
- :mod:`search.documents`: the only place a dataset is flattened into index documents.
- :mod:`search.text`: Vietnamese text handling (NFC, diacritic folding, abbreviations, syllables).
- :mod:`search.query`: a query cut into words; :mod:`search.initials` (acronyms),
  :mod:`search.english` (English stems).
- :mod:`search.dsl`: the OpenSearch / Elasticsearch request bodies, as plain data.
- :mod:`search.engine`, :mod:`search.opensearch`, :mod:`search.elasticsearch`: the engine backends.
- :mod:`search.database`: the embedded backend (SQLite FTS5 or PostgreSQL full text).
- :mod:`search.outbox`: the change recorder, the outbox applier and the fallback service.

Matching rules are the same on every backend, and the contract suite in ``tests/search`` proves it:
a query is cut into words (diacritics folded, stop words dropped, adjacent syllables that the
catalog's vocabulary holds together paired, abbreviations expanded both ways, initials and English
stems beside); a word matches as a phrase, and a document matches when it contains at least
:func:`search.query.required_words` of them; a syllable the vocabulary lacks is corrected when the
correction is clear; visibility is a filter inside the query.
"""
