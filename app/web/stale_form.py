"""A stale edit form: what its user touched, what others changed meanwhile, and a fresh form.

The form carries ``form_base``: when the dataset it was drawn from was last changed, and a digest
of each attribute's value then. When the save is refused as stale, an attribute whose posted value
still has its digest is one the user did not touch: the form is drawn again with the current
value there (saving again must not write back what someone else has changed since), and only the
touched attributes that differ from the current version are listed. The revisions made since
the form was drawn say who changed what.

The base is a convenience for the user who posted it, not a security boundary: whatever it says,
the save still goes through the version check and the service's rules.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from flask import request

from app.web.dataset_form import (
    CODED,
    DATES,
    KEYWORDS,
    MULTIPLE,
    OPTIONAL,
    ROWS,
    TEXTS,
    DatasetForm,
    comparable,
    stored,
)
from app.wiring import concepts
from dictionary.models import Dataset

BASE_FIELD = "form_base"
ATTRIBUTES = (*TEXTS, *CODED, *OPTIONAL, *MULTIPLE, *DATES, *KEYWORDS, *ROWS, "status")


def _digest(name: str, value: Any) -> str:
    shown = comparable(name, value, concepts().resolve)
    encoded = json.dumps(shown, sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def form_base(dataset: Dataset) -> str:
    """The hidden value of a freshly drawn form."""
    digests = {name: _digest(name, stored(dataset, name)) for name in ATTRIBUTES}
    return json.dumps({"at": dataset.updated_at.isoformat(), "digests": digests}, separators=(",", ":"))


def _posted_base() -> tuple[datetime | None, dict[str, str]]:
    try:
        base = json.loads(request.form.get(BASE_FIELD, ""))
        return datetime.fromisoformat(base["at"]), {str(k): str(v) for k, v in base["digests"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, {}  # no base (an old page, a hand-made post): every posted value counts as typed


def touched(data: dict[str, Any]) -> set[str]:
    """The attributes of the payload whose value the user changed in the form."""
    _at, digests = _posted_base()
    return {name for name, value in data.items() if digests.get(name) != _digest(name, value)}


def drawn_at() -> datetime | None:
    """When the dataset the form was drawn from had last been changed."""
    return _posted_base()[0]


def changed_by_others(current: Dataset) -> set[str]:
    """The attributes whose stored value is no longer the one the form was drawn with."""
    _at, digests = _posted_base()
    return {name for name in ATTRIBUTES if digests.get(name) != _digest(name, stored(current, name))}


def refresh_untouched(form: DatasetForm, current: Dataset, data: dict[str, Any]) -> set[str]:
    """Show the current value in every control the user left alone; the touched names."""
    changed = touched(data)
    fresh = DatasetForm.stored(current).values
    for name in ATTRIBUTES:
        if name not in changed and name in fresh:
            form.values[name] = fresh[name]
    return changed
