"""Who is looking at a page, and the read services that answer for them."""

from __future__ import annotations

from flask import g

from app.auth import current_visibility
from app.wiring import services
from dictionary.services.browse import BrowseService
from dictionary.services.browse_registry import RegistryBrowser

__all__ = ["browse", "current_visibility", "registry"]


def browse() -> BrowseService:
    if "web_browse" not in g:
        g.web_browse = BrowseService(services().ctx, current_visibility())
    found: BrowseService = g.web_browse
    return found


def registry() -> RegistryBrowser:
    if "web_registry" not in g:
        g.web_registry = RegistryBrowser(services().ctx, current_visibility())
    found: RegistryBrowser = g.web_registry
    return found
