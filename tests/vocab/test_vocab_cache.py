"""The on-disk cache of the parsed vocabularies: same result as parsing, stale or corrupt → rebuilt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vocab import skos, vocab_cache
from vocab.skos import PACKAGE_DIR, load_vocabularies

DRAFT = "https://data.lamdong.gov.vn/vocab/statuses/DRAFT"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A private copy of the vocabulary files, so a test may change them."""
    root = tmp_path / "vocab"
    shutil.copytree(PACKAGE_DIR / "schemes", root / "schemes")
    shutil.copytree(PACKAGE_DIR / "eu", root / "eu")
    return root


def fresh(root: Path, cache_dir: Path) -> skos.Vocabularies:
    """Load as a new process would: nothing in memory, only what is on disk."""
    skos._LOADED.pop(root.resolve(), None)
    return load_vocabularies(root, cache_dir=cache_dir)


def test_the_cache_gives_what_parsing_gives(sources: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    parsed = fresh(sources, cache_dir)  # parses and writes the cache
    assert (cache_dir / vocab_cache.CACHE_NAME).is_file()
    cached = fresh(sources, cache_dir)
    assert cached is not parsed
    assert cached.schemes() == parsed.schemes()
    assert cached.schemes() == load_vocabularies().schemes()  # and what the package itself parses
    assert cached.update_period("http://publications.europa.eu/resource/authority/frequency/DAILY")
    # The graphs are still there for publication, parsed from the files on demand.
    graph = cached.graph_of("statuses")
    assert graph is not None and len(graph) > 10


def test_a_changed_file_invalidates_the_cache(sources: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert fresh(sources, cache_dir).label(DRAFT) == "Bản nháp"
    statuses = sources / "schemes" / "statuses.ttl"
    statuses.write_text(statuses.read_text("utf-8").replace('"Bản nháp"@vi', '"Bản thảo"@vi'), "utf-8")
    assert fresh(sources, cache_dir).label(DRAFT) == "Bản thảo"
    # ... and the rebuilt cache now holds the new label.
    document = json.loads((cache_dir / vocab_cache.CACHE_NAME).read_text("utf-8"))
    assert "Bản thảo" in json.dumps(document, ensure_ascii=False)


def test_a_removed_file_invalidates_the_cache(sources: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    assert fresh(sources, cache_dir).scheme("importance") is not None
    (sources / "schemes" / "importance.ttl").unlink()
    assert fresh(sources, cache_dir).scheme("importance") is None


@pytest.mark.parametrize(
    "corruption",
    [
        b"not json at all",
        b'{"format": 1}',
        b"\xff\xfe garbage",
        b"[]",
    ],
)
def test_a_corrupt_cache_is_rebuilt_not_trusted(
    sources: Path, tmp_path: Path, corruption: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    cache_dir = tmp_path / "cache"
    expected = fresh(sources, cache_dir).schemes()
    path = cache_dir / vocab_cache.CACHE_NAME
    path.write_bytes(corruption)
    assert fresh(sources, cache_dir).schemes() == expected
    assert json.loads(path.read_bytes())["format"] == vocab_cache.CACHE_FORMAT  # rewritten whole


def test_a_well_formed_but_tampered_cache_is_not_trusted(sources: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    fresh(sources, cache_dir)
    path = cache_dir / vocab_cache.CACHE_NAME
    document = json.loads(path.read_bytes())
    # A cache whose concepts carry the wrong types is refused, whatever its fingerprint says.
    document["schemes"][0]["concepts"][0]["uri"] = 42
    path.write_text(json.dumps(document), "utf-8")
    assert fresh(sources, cache_dir).label(DRAFT) == "Bản nháp"
    assert isinstance(json.loads(path.read_bytes())["schemes"][0]["concepts"][0]["uri"], str)


def test_an_unwritable_cache_directory_only_costs_the_parse(sources: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be", "utf-8")
    assert fresh(sources, blocker / "cache").label(DRAFT) == "Bản nháp"
