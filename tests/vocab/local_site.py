"""A real HTTP server on 127.0.0.1 for harvest tests: fixed routes, redirects, and a request log."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Site:
    base: str = ""
    routes: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    """path → (status, Content-Type or Location, body)."""
    requested: list[str] = field(default_factory=list)

    def page(self, path: str, body: bytes, content_type: str = "text/turtle") -> str:
        self.routes[path] = (200, content_type, body)
        return self.base + path

    def redirect(self, path: str, location: str) -> str:
        self.routes[path] = (302, location, b"")
        return self.base + path


@contextmanager
def local_site() -> Iterator[Site]:
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requested.append(self.path)
            status, header, body = site.routes.get(self.path, (404, "text/plain", b"not here"))
            self.send_response(status)
            self.send_header("Location" if status in (301, 302) else "Content-Type", header)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # the stdlib's parameter name
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
