"""What a terms import found and did: the shared report (:class:`FileReport`), the dry-run diff,
the confirmation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dictionary.errors import Message
from dictionary.services.file_report import FileReport


@dataclass(kw_only=True)
class TermImportReport(FileReport):
    dictionary: str
    added: list[dict[str, Any]] = field(default_factory=list)
    """New terms: row, code, name_vi."""
    changed: list[dict[str, Any]] = field(default_factory=list)
    """Existing terms the file changes: row, code, and each changed property before → after."""
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Terms of the dictionary the file does not name: left as they are."""
    confirmation: str | None = None
    """Send it back to apply this file at this state (only when the dry run found no error)."""

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed)

    def applied_message(self) -> Message:
        return Message(
            "terms_imported", "Terms imported: {added} added, {changed} changed",
            added=len(self.added), changed=len(self.changed),
        )  # fmt: skip

    def unchanged_message(self) -> Message:
        return Message("terms_unchanged", "The file matches the stored terms; nothing to change")

    def dry_run_message(self) -> Message:
        return Message("dry_run", "Dry run: nothing was written")

    def as_dict(self) -> dict[str, Any]:
        return (
            {"dictionary": self.dictionary}
            | super().as_dict()
            | {
                "diff": {
                    "added": self.added,
                    "changed": self.changed,
                    "unchanged": self.unchanged,
                    "kept": self.kept,
                    "has_changes": self.has_changes,
                },
                "confirmation": self.confirmation,
            }
        )
