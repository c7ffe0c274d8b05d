"""What a terms import found and did: the dry-run diff, the located errors, the confirmation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dictionary.errors import Message
from dictionary.spreadsheets import CellError


@dataclass
class TermImportReport:
    dictionary: str
    dry_run: bool
    format: str | None = None
    rows: int = 0
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    added: list[dict[str, Any]] = field(default_factory=list)
    """New terms: row, code, name_vi."""
    changed: list[dict[str, Any]] = field(default_factory=list)
    """Existing terms the file changes: row, code, and each changed property before → after."""
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Terms of the dictionary the file does not name: left as they are."""
    confirmation: str | None = None
    """Send it back to apply this file at this state (only when the dry run found no error)."""
    applied: bool = False

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed)

    @property
    def message(self) -> str:
        if len(self.errors) == 1 and self.errors[0].row is None:
            return self.errors[0].message
        if self.errors:
            return Message(
                "import_errors", "The file has {count} error(s); nothing was written", count=len(self.errors)
            )
        if self.applied:
            return Message(
                "terms_imported", "Terms imported: {added} added, {changed} changed",
                added=len(self.added), changed=len(self.changed),
            )  # fmt: skip
        if not self.has_changes:
            return Message("terms_unchanged", "The file matches the stored terms; nothing to change")
        return Message("dry_run", "Dry run: nothing was written")

    def as_dict(self) -> dict[str, Any]:
        return {
            "dictionary": self.dictionary,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "message": self.message,
            "format": self.format,
            "rows": self.rows,
            "errors": [error.as_dict() for error in self.errors],
            "warnings": self.warnings,
            "diff": {
                "added": self.added,
                "changed": self.changed,
                "unchanged": self.unchanged,
                "kept": self.kept,
                "has_changes": self.has_changes,
            },
            "confirmation": self.confirmation,
        }
