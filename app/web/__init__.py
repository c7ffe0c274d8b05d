"""Server-rendered web pages (Jinja): home, search, dataset pages and the registers.

The routes live in :mod:`app.web.pages`, :mod:`app.web.datasets` and :mod:`app.web.registry` on
``bp``; the sign-in page is its own blueprint in :mod:`app.web.login`.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("web", __name__, template_folder="templates")  # base.html, _macros.html, the pages


def init_app(app: Flask) -> None:
    # access, audit, campaigns, edit, edit_parts, dictionary_table, imports, workspace: the editing
    # and workflow pages.
    from app.web import (  # noqa: F401
        access,
        api_docs,
        audit,
        campaigns,
        datasets,
        dictionary_table,
        edit,
        edit_parts,
        harvest,
        headers,
        i18n,
        imports,
        negotiation,
        pages,
        password_reset,
        registry,
        templating,
        terms,
        workspace,
    )

    i18n.init_app(app)
    templating.init_app(app)
    headers.init_app(app)
    negotiation.init_app(app)
    app.register_blueprint(bp)
