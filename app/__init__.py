"""The Flask shell of the catalog: ``create_app`` wires settings, database, vocabularies and the API.

This is the only package that imports Flask (README, Architecture). ``create_app`` lives in
:mod:`app.factory` and is imported from there on first use: ``catalog --help`` and every command
start by importing this package, and should not pay for the whole application to print a usage line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.factory import create_app, schema_name

__all__ = ["create_app", "schema_name"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from app import factory

        return getattr(factory, name)
    raise AttributeError(f"module 'app' has no attribute {name!r}")
