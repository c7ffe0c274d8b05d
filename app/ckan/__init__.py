"""The CKAN Action API (v3), read-only: what CKAN harvesters and clients call, over our catalog.

``/api/3/action/<name>`` (also ``/api/action/…`` and ``/api/2/action/…``, which CKAN serves
alike), GET with query arguments or POST with a JSON object; ``/api/3`` and ``/api/util/status``.
Answers have CKAN's envelope ``{"help", "success", "result"}`` and its errors
(:mod:`app.ckan.errors`). It is a surface of its own, outside the OpenAPI document of
``/api/v1``: its shapes are CKAN's, documented by CKAN and in the README's mapping table.
"""

from app.ckan.views import blueprint

__all__ = ["blueprint"]
