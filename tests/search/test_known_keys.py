"""The engine's vocabulary answers kept for seconds (search.known_keys)."""

from __future__ import annotations

from collections.abc import Collection

from search.known_keys import HELD_SECONDS, MISSING_SECONDS, KnownKeys


class Vocabulary:
    """A lookup that counts what it is asked."""

    def __init__(self, held: set[str]) -> None:
        self.held = held
        self.asked: list[set[str]] = []

    def __call__(self, keys: Collection[str]) -> set[str]:
        self.asked.append(set(keys))
        return self.held & set(keys)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_answers_are_remembered_and_only_unknown_keys_are_asked() -> None:
    vocabulary, clock = Vocabulary({"ma", "so", "ma so"}), Clock()
    known = KnownKeys(vocabulary, clock)
    assert known({"ma", "so", "ma so", "so thue"}) == {"ma", "so", "ma so"}
    assert known({"ma", "so", "ma so", "so thue"}) == {"ma", "so", "ma so"}
    assert known({"ma", "thue"}) == {"ma"}
    assert vocabulary.asked == [{"ma", "so", "ma so", "so thue"}, {"thue"}]


def test_a_missing_key_is_asked_again_after_seconds_a_held_one_after_a_minute() -> None:
    vocabulary, clock = Vocabulary({"ho"}), Clock()
    known = KnownKeys(vocabulary, clock)
    known({"ho", "tich"})
    vocabulary.held.add("tich")  # indexed by another worker
    clock.now += MISSING_SECONDS + 0.1
    assert known({"ho", "tich"}) == {"ho", "tich"}
    assert vocabulary.asked[-1] == {"tich"}
    vocabulary.held.discard("ho")  # its last dataset removed elsewhere: still held for a while
    assert known({"ho"}) == {"ho"}
    clock.now += HELD_SECONDS
    assert known({"ho"}) == set()


def test_a_write_of_this_process_forgets_everything() -> None:
    vocabulary, clock = Vocabulary(set()), Clock()
    known = KnownKeys(vocabulary, clock)
    assert known({"tngt"}) == set()
    vocabulary.held.add("tngt")
    known.forget()
    assert known({"tngt"}) == {"tngt"}
