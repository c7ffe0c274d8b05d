"""One typed settings object, read from ``CATALOG_*`` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dictionary.governance.calendar import DeadlineRules, rules_from
from dictionary.services.mail import SmtpSettings

DEFAULT_SECRET = "development-only-secret"  # noqa: S105 - refused in production, see validate()


@dataclass(frozen=True)
class Settings:
    """Every setting of the service. ``CATALOG_<NAME>`` in the environment overrides ``<name>``."""

    env: str = "development"
    """``development`` or ``production``; production refuses unsafe defaults."""
    instance_path: Path = field(default_factory=lambda: Path.cwd() / "instance")
    database_url: str = ""
    """SQLAlchemy URL; empty means SQLite at ``instance/catalog.db``."""
    search_engine: str = "database"
    """``database`` (embedded), ``opensearch`` or ``elasticsearch``."""
    search_url: str = ""
    search_index: str = "catalog"
    base_uri: str = "https://data.lamdong.gov.vn"
    """Base of the stable URIs of datasets, agencies and the catalog in RDF."""
    secret_key: str = DEFAULT_SECRET
    max_content_length: int = 2 * 1024 * 1024
    """Largest request body accepted, in bytes (dictionary imports included)."""
    default_page_size: int = 20
    max_page_size: int = 200
    catalog_title_vi: str = "Danh mục cơ sở dữ liệu dùng chung tỉnh Lâm Đồng"
    catalog_title_en: str = "Shared Data Catalog of Lâm Đồng Province"
    publisher_agency: str = "H68"
    """Code of the agency that publishes the catalog (the provincial People's Committee)."""
    sql_echo: bool = False
    lock_timeout_ms: int = 10_000
    """How long a write waits for another one holding the same record (a PostgreSQL row lock,
    SQLite's write lock) before it is answered 503 with Retry-After."""
    session_cookie_secure: bool | None = None
    """Send the web session cookie over HTTPS only; unset means yes except in development."""
    cache_dir: Path | None = None
    """Where derived files are kept between runs (the parsed vocabularies); unset means
    ``<instance_path>/cache``. Safe to delete: it is rebuilt when missing, stale or unreadable."""
    proxy_count: int = 0
    """Reverse proxies in front whose X-Forwarded-For / -Proto are trusted (login throttling counts
    client addresses, so behind a proxy set this, or every client has the proxy's address)."""
    access_deadlines: str = "opinion=2,decision=2"
    """Working days allowed per step of an access request (Decree 194/2025: two)."""
    compensatory_days_off: str = ""
    """Days off announced each year on top of the public holidays, ``YYYY-MM-DD,…``."""
    makeup_working_days: str = ""
    """Weekend days worked in exchange for a day off, ``YYYY-MM-DD,…``."""
    site_url: str = ""
    """Absolute address of the web pages, for links in e-mails; empty: the base URI."""
    smtp_host: str = ""
    """SMTP server for e-mail notifications; empty: in-app notifications only."""
    smtp_port: int = 587
    smtp_tls: str = "starttls"
    """``starttls``, ``ssl`` (implicit TLS, port 465) or ``none`` (a local relay only)."""
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_sender: str = "danhmuc-csdl@lamdong.gov.vn"
    """The From address of notification mails."""
    smtp_timeout: int = 10
    """Seconds to wait for the SMTP server before the mail is left for a retry."""

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.instance_path / 'catalog.db'}"

    @property
    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or self.instance_path / "cache"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        for spec in fields(cls):
            raw = environ.get(f"CATALOG_{spec.name.upper()}")
            if raw is None:
                continue
            values[spec.name] = _convert(spec.type, raw, spec.name)
        settings = replace(cls(), **values, **overrides)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.env not in ("development", "production", "testing"):
            raise ValueError(f"CATALOG_ENV must be development, production or testing, not {self.env!r}")
        if self.search_engine not in ("database", "opensearch", "elasticsearch"):
            raise ValueError("CATALOG_SEARCH_ENGINE must be database, opensearch or elasticsearch")
        if self.search_engine != "database" and not self.search_url:
            raise ValueError(f"CATALOG_SEARCH_URL is required with the {self.search_engine} engine")
        if self.env == "production" and (self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32):
            raise ValueError(
                "CATALOG_SECRET_KEY must be set to a random value of 32+ characters in production"
            )
        if not self.base_uri.startswith(("http://", "https://")) or self.base_uri.endswith("/"):
            raise ValueError("CATALOG_BASE_URI must be an absolute http(s) URI without a trailing slash")
        if self.smtp_tls not in ("starttls", "ssl", "none"):
            raise ValueError("CATALOG_SMTP_TLS must be starttls, ssl or none")
        try:
            self.deadline_rules  # noqa: B018 - parsed here so that a bad table stops the start
        except ValueError as error:
            raise ValueError(f"CATALOG_ACCESS_DEADLINES / _DAYS_OFF / _WORKING_DAYS: {error}") from None

    @property
    def deadline_rules(self) -> DeadlineRules:
        return rules_from(self.access_deadlines, self.compensatory_days_off, self.makeup_working_days)

    @property
    def smtp(self) -> SmtpSettings | None:
        if not self.smtp_host:
            return None
        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            tls=self.smtp_tls,
            user=self.smtp_user,
            password=self.smtp_password,
            sender=self.smtp_sender,
            timeout=self.smtp_timeout,
        )


def serve_refusal(settings: Settings, environ: Mapping[str, str], *, dev: bool = False) -> str | None:
    """Why the server must not start with these settings, or None.

    The public development secret (or any short one) is accepted only when development mode is
    asked for explicitly: ``catalog serve --dev`` or ``CATALOG_ENV=development`` in the environment.
    An unset CATALOG_ENV is not enough: anyone can sign session cookies with a published secret.
    """
    if dev or environ.get("CATALOG_ENV", "").strip() == "development":
        return None
    if settings.secret_key == DEFAULT_SECRET or len(settings.secret_key) < 32:
        return (
            "CATALOG_SECRET_KEY is the public development secret or shorter than 32 characters: set it "
            "to a random value (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
            "or ask for development mode explicitly with --dev or CATALOG_ENV=development"
        )
    return None


def _convert(kind: Any, raw: str, name: str) -> Any:
    kind = str(kind)
    if "bool" in kind:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if "int" in kind:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"CATALOG_{name.upper()} must be a whole number, not {raw!r}") from None
    if "Path" in kind:
        return Path(raw)
    return raw
