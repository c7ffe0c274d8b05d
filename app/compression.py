"""Compressed responses: br for the browsers that ask for it, gzip for the rest, nothing otherwise.

Text only (HTML, CSS, JavaScript, JSON, CSV, RDF…), above a size where it pays off, never a
stream (the DCAT catalog, the audit export: compressing them would hold them in memory), never a
partial answer (206) and never twice.

ETags: the versioned ones (``"8"``: a dataset's, an agency's, a standard's) are what a client
sends back in ``If-Match``, which compares strongly, so a compressed body could not keep them
without breaking every write; those responses stay uncompressed (they are one record, small).
A file's ETag (the static stylesheet) is only compared weakly, in ``If-None-Match``, so it is
kept, marked weak, and the response compressed. Every response that could be compressed says
``Vary: Accept-Encoding``, so that caches keep the encodings apart.
"""

from __future__ import annotations

import gzip

import brotli  # type: ignore[import-untyped]  # ships no type information
from flask import Flask, Response, request

MIN_SIZE = 500
"""Below this many bytes the headers of a compressed answer outweigh the saving."""
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/problem+json",
    "application/rdf+xml",
    "application/n-triples",
    "application/javascript",
    "application/xml",
    "application/vnd.oai.openapi+json",
)
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
"""Brotli's quality 5 compresses about as fast as gzip 6 and some 15 % smaller; 11 is for files
compressed once, not for pages rendered per request."""


def chosen_encoding() -> str | None:
    accepted = request.accept_encodings
    if accepted["br"] > 0:
        return "br"
    if accepted["gzip"] > 0:
        return "gzip"
    return None


def is_static_file(response: Response) -> bool:
    return request.path.startswith("/static/") and response.status_code == 200


def is_compressible(response: Response) -> bool:
    return (
        response.status_code not in (204, 206, 304)
        and (not response.is_streamed or is_static_file(response))
        and request.method != "HEAD"
        and "Content-Encoding" not in response.headers
        and (response.mimetype or "").startswith(COMPRESSIBLE)
    )


def compress(response: Response) -> Response:
    if not is_compressible(response):
        return response
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    if etag is not None and not weak and not is_static_file(response):
        return response  # a version ETag, compared strongly in If-Match (see the module's doc)
    encoding = chosen_encoding()
    if encoding is None:
        return response
    response.direct_passthrough = False  # a static file is read once, to be compressed
    close = getattr(response.response, "close", None)
    body = response.get_data()
    if close is not None:
        close()  # the file is read: give its handle back now, not when the response is closed
    if len(body) < MIN_SIZE:
        return response
    if encoding == "br":
        packed = brotli.compress(body, quality=BROTLI_QUALITY)
    else:
        packed = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
    response.set_data(packed)
    response.headers["Content-Encoding"] = encoding
    if etag is not None:
        response.set_etag(etag, weak=True)
    return response


def init_app(app: Flask) -> None:
    app.after_request(compress)
