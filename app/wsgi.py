"""WSGI entry point for servers other than ``catalog serve``: ``gunicorn app.wsgi:app``."""

from app import create_app

app = create_app()
