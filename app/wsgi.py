"""WSGI entry point for servers other than ``catalog serve``: ``gunicorn app.wsgi:app``."""

import os

from app import create_app
from app.config import serve_refusal

app = create_app()
_refusal = serve_refusal(app.extensions["catalog.settings"], os.environ)
if _refusal is not None:
    raise RuntimeError(_refusal)
