"""Security and caching headers of the HTML pages.

The pages load scripts and styles from ``/static`` only and use no inline script, style or event
handler, so a strict Content-Security-Policy holds; it blocks injected markup from running even if
an escaping mistake slipped through. ``/api/docs`` is one of these pages too (Swagger UI from the
server itself, started from a file: :mod:`app.web.api_docs`).
"""

from __future__ import annotations

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def add_headers(response: Response) -> Response:
    if response.mimetype != "text/html":
        return response
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    # The page depends on the language chosen by the cookie (never by Accept-Language).
    response.vary.add("Cookie")
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
