"""An action's parameters, as CKAN reads them: the query string of a GET, the JSON object of a POST.

CKAN clients send numbers and booleans as strings in a GET (``rows=100``, ``include_private=true``)
and as JSON values in a POST; lists (``facet.field``) as JSON text in a GET. Every parameter is
checked against what the action takes: a bad value is a 409 ``Validation Error`` naming the
parameter, as CKAN names them, never a 500. Parameters an action does not take are ignored, as
CKAN ignores them: clients send their own (ckanapi's dump asks every ``*_show`` for
``include_users`` and ``include_password_hash``; extensions read ``ext_*``).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Request
from flask_babel import gettext as _

from app.ckan.errors import BadRequest, ValidationFailed
from app.errors import is_storable_text

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off", ""}


def read_params(request: Request) -> dict[str, Any]:
    """The parameters of an action call: query arguments, and for a POST its JSON object too."""
    params: dict[str, Any] = {}
    for key in request.args:
        values = request.args.getlist(key)
        params[key] = values[0] if len(values) == 1 else values
    if request.method == "POST":
        raw = request.get_data(cache=True)
        if request.mimetype == "application/x-www-form-urlencoded":
            params.update(request.form.to_dict())
        elif raw.strip():
            try:
                body = json.loads(raw)
            except (ValueError, RecursionError) as error:
                raise BadRequest(_("Yêu cầu sai: lỗi JSON: %(reason)s", reason=str(error)[:200])) from error
            if not isinstance(body, dict):
                raise BadRequest(_("Yêu cầu sai: thân yêu cầu phải là một đối tượng JSON"))
            params.update(body)
    if _unstorable(params):
        # JSON escapes such as "\u0000" or "\ud800" decode to text no database stores.
        raise BadRequest(_("Yêu cầu sai: có ký tự không lưu được (NUL hoặc Unicode sai)"))
    return params


def _unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return not is_storable_text(value)
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_unstorable(item) for item in value)
    return False


class Params:
    """Reads one action's parameters, collecting every problem before raising them together."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def _get(self, name: str) -> Any:
        return self.data.get(name)

    def fail(self, name: str, reason: str) -> None:
        self.errors.setdefault(name, []).append(reason)

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self._get(name)
        if value is None:
            return default
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.fail(name, _("Phải là một chuỗi ký tự"))
            return default
        return value

    def integer(self, name: str, default: int | None, maximum: int | None = None) -> int | None:
        """A natural number (0, 1, …) up to ``maximum``."""
        value = self._get(name)
        if value is None or value == "":
            return default
        try:
            number = int(value) if not isinstance(value, bool | float) else None
        except (TypeError, ValueError):
            number = None
        if number is None or number < 0:
            self.fail(name, _("Phải là số tự nhiên (0, 1, 2…)"))
            return default
        if maximum is not None and number > maximum:
            self.fail(name, _("Tối đa là %(maximum)s", maximum=maximum))
            return default
        return number

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self._get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
            return value.strip().lower() in TRUE
        self.fail(name, _("Phải là true hoặc false"))
        return default

    def strings(self, name: str) -> list[str]:
        """A list of strings: a JSON list (or one value) in a GET, a list in a POST."""
        value = self._get(name)
        if value is None:
            return []
        if isinstance(value, str):
            try:
                value = json.loads(value) if value.lstrip().startswith("[") else [value]
            except ValueError:
                self.fail(name, _('Phải là một danh sách JSON, ví dụ ["organization", "tags"]'))
                return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(name, _("Phải là một danh sách chuỗi ký tự"))
            return []
        return value

    def required(self, name: str) -> str:
        value = self.text(name)
        if not value:
            self.fail(name, _("Thiếu giá trị"))
        return value or ""

    def done(self) -> None:
        """Raise the problems found, every bad parameter named."""
        if self.errors:
            names = ", ".join(sorted(self.errors))
            raise ValidationFailed(_("Tham số không hợp lệ: %(names)s", names=names), self.errors)
