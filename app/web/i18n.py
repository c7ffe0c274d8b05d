"""The language of the pages: Vietnamese by default, English on request, remembered in a cookie.

Vietnamese is the source language: templates and code carry Vietnamese msgids, and
``app/translations/en/LC_MESSAGES/messages.po`` translates them to English (there is no ``vi``
catalog). After changing a string::

    pybabel extract -F babel.cfg -k _l -o /tmp/messages.pot .
    pybabel update -i /tmp/messages.pot -d app/translations -l en --no-fuzzy-matching
    # translate the new entries, then
    pybabel compile -d app/translations

``tests/web/test_i18n.py`` fails while a msgid lacks its English or the ``.mo`` is stale.

The language of a page is chosen by, in order: ``?lang=vi|en`` (then remembered in the ``lang``
cookie), the cookie, and Vietnamese. A page never follows ``Accept-Language``: a stock browser in
Vietnam (Chrome on Windows, headless Chromium) sends ``en-US`` although its user reads
Vietnamese, and a provincial government site is Vietnamese unless its visitor chooses English.

The REST API (``/api/``) keeps its machine-readable shape in every language; only the human
``message`` of an error is translated. There ``?lang=`` wins, then ``Accept-Language``: a
program sets that header on purpose, so it is honoured (with no usable header: Vietnamese).
The cookie is not read there: a script's calls must not change with what a browser once chose.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_babel import Babel, get_locale

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TIMEZONE = "Asia/Ho_Chi_Minh"
"""Times are stored in UTC and shown in the province's time (UTC+7)."""


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def select_language() -> str:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    if is_api_request():
        return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return DEFAULT_LANGUAGE


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def remember_language(response: Response) -> Response:
    """Keep an explicit ``?lang=`` choice for the next pages (not for API calls)."""
    if is_api_request():
        response.vary.add("Accept-Language")  # an error's message follows it
    asked = request.args.get("lang")
    if asked in LANGUAGES and not is_api_request() and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", TIMEZONE)
    if "babel" not in app.extensions:
        Babel(app, locale_selector=select_language)
    app.after_request(remember_language)
