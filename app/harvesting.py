"""Wiring of harvest sources for the API, the pages and the CLI: the runner, and the one check the
domain cannot make (a source may not be this catalog's own address)."""

from __future__ import annotations

from typing import Any

from dictionary.errors import InvalidInput, Message
from dictionary.services import Context
from dictionary.visibility import Visibility
from vocab.harvest_runs import HarvestRunner


def source_runner(ctx: Context) -> HarvestRunner:
    from app.rdf import dcat_context

    return HarvestRunner(ctx, dcat_context(Visibility.all()).terms)


def refuse_own_address(data: dict[str, Any]) -> dict[str, Any]:
    """The source's URL may not be this catalog: harvesting it would overwrite its datasets with
    their public, redacted description."""
    from app.rdf import is_own_address

    url = data.get("url")
    if isinstance(url, str) and is_own_address(url):
        reason = Message(
            "harvest_own_address", "this is the catalog's own address; it cannot be a harvest source"
        )
        raise InvalidInput({"url": [reason]})
    return data
