"""The parsed vocabularies kept on disk as JSON, so a process starts without running rdflib.

Parsing the SKOS files (the EU tables are RDF/XML, 750 kB) takes about a second of every process:
each CLI command, server worker and test worker. The cache holds the result, the schemes and
concepts of :mod:`vocab.vocabularies`, as plain JSON (read in a few milliseconds, and unlike a
pickle it cannot run code when read). It is keyed by a fingerprint of the source files' contents:
a changed, added or removed file makes it stale, and a stale, unreadable or malformed cache is
rebuilt from the files, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vocab.vocabularies import Concept, ConceptScheme

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
"""Bumped whenever the JSON layout (or what the loader derives from the files) changes."""

CACHE_NAME = f"vocabularies-v{CACHE_FORMAT}.json"


def fingerprint(directory: Path, files: Iterable[Path]) -> str:
    """SHA-256 over every source file's relative name and contents (and the cache format)."""
    digest = hashlib.sha256(f"format {CACHE_FORMAT}\n".encode())
    for path in sorted(files):
        digest.update(path.relative_to(directory).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_cache(path: Path, expected: str) -> list[ConceptScheme] | None:
    """The schemes stored at ``path`` if it is a well-formed cache of ``expected``, else None."""
    try:
        document = json.loads(path.read_bytes())
        if document.get("format") != CACHE_FORMAT or document.get("fingerprint") != expected:
            return None
        return [_scheme(item) for item in document["schemes"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        # Anything unexpected in the file means it cannot be trusted: rebuild it from the sources.
        log.warning("vocabulary cache %s is unreadable (%s); rebuilding it", path, error)
        return None


def write_cache(path: Path, stamp: str, schemes: Iterable[ConceptScheme]) -> None:
    """Store ``schemes`` at ``path`` atomically (a reader sees the old file or the new one)."""
    document = {"format": CACHE_FORMAT, "fingerprint": stamp, "schemes": [_scheme_json(s) for s in schemes]}
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError as error:
        # A read-only instance directory only costs the next process the parse; it is no error.
        log.warning("cannot write the vocabulary cache %s: %s", path, error)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temporary)


# -- JSON shapes -----------------------------------------------------------------------------

_TUPLES = ("broader", "exact_matches", "close_matches", "broad_matches", "replaced_by")


def _scheme_json(scheme: ConceptScheme) -> dict[str, Any]:
    return {
        "uri": scheme.uri,
        "id": scheme.id,
        "titles": dict(scheme.titles),
        "descriptions": dict(scheme.descriptions),
        "version": scheme.version,
        "external": scheme.external,
        "concepts": [_concept_json(concept) for concept in scheme.concepts],
    }


def _concept_json(concept: Concept) -> dict[str, Any]:
    item: dict[str, Any] = {"uri": concept.uri, "code": concept.code}
    # Only what is set: most concepts have a label or two and nothing else.
    if concept.labels:
        item["labels"] = dict(concept.labels)
    if concept.definitions:
        item["definitions"] = dict(concept.definitions)
    for name in _TUPLES:
        if values := getattr(concept, name):
            item[name] = list(values)
    if concept.period is not None:
        item["period"] = [concept.period.days, concept.period.seconds, concept.period.microseconds]
    if concept.rank is not None:
        item["rank"] = concept.rank
    if concept.xsd_type is not None:
        item["xsd_type"] = concept.xsd_type
    if concept.deprecated:
        item["deprecated"] = True
    if concept.valid_from is not None:
        item["valid_from"] = concept.valid_from.isoformat()
    if concept.valid_to is not None:
        item["valid_to"] = concept.valid_to.isoformat()
    return item


def _scheme(item: Mapping[str, Any]) -> ConceptScheme:
    scheme_id = _str(item["id"])
    return ConceptScheme(
        uri=_str(item["uri"]),
        id=scheme_id,
        titles=_texts(item["titles"]),
        descriptions=_texts(item["descriptions"]),
        version=_optional_str(item["version"]),
        external=item["external"] is True,
        concepts=tuple(_concept(entry, scheme_id) for entry in item["concepts"]),
    )


def _concept(item: Mapping[str, Any], scheme_id: str) -> Concept:
    period = item.get("period")
    rank = item.get("rank")
    if rank is not None and type(rank) is not int:
        raise TypeError(f"rank {rank!r}")
    return Concept(
        uri=_str(item["uri"]),
        scheme=scheme_id,
        code=_str(item["code"]),
        labels=_texts(item.get("labels", {})),
        definitions=_texts(item.get("definitions", {})),
        period=timedelta(*(int(part) for part in period)) if period is not None else None,
        rank=rank,
        xsd_type=_optional_str(item.get("xsd_type")),
        deprecated=item.get("deprecated", False) is True,
        valid_from=_date(item.get("valid_from")),
        valid_to=_date(item.get("valid_to")),
        **{name: tuple(_str(value) for value in item.get(name, ())) for name in _TUPLES},
    )


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {value!r}")
    return value


def _optional_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _texts(values: Mapping[str, object]) -> Mapping[str, str]:
    return MappingProxyType({_str(lang): _str(text) for lang, text in values.items()})


def _date(value: object) -> date | None:
    return None if value is None else date.fromisoformat(_str(value))
