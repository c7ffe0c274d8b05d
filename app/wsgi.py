"""WSGI entry point for servers other than ``catalog serve``: ``gunicorn app.wsgi:app``."""

import os

from app import create_app
from app.config import serve_refusal
from app.extension import catalog_of

app = create_app()
_refusal = serve_refusal(catalog_of(app).settings, os.environ)
if _refusal is not None:
    raise RuntimeError(_refusal)
