"""What ``create_app`` wires together, as one typed object: ``catalog_of(app).engine``, not string keys.

Views, commands and tests reach the settings, the database, the vocabularies, search and the DCAT
helpers through it, and build the services' :class:`Context` with :meth:`Catalog.context`, the
one place a context is made (so none lacks the change recorder that feeds search and revisions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from dictionary.governance.calendar import DeadlineRules
from dictionary.policies import SYSTEM, Actor
from dictionary.ports import ChangeRecorder
from dictionary.services import Context
from dictionary.services.agency_names import AgencyNames
from dictionary.services.mail import MailDelivery
from search.service import Search
from vocab.vocabularies import Vocabularies

if TYPE_CHECKING:
    from flask_smorest import Api

    from vocab.dcat_terms import Terms
    from vocab.shacl import DcatValidator


@dataclass
class Catalog:
    settings: Settings
    engine: Engine
    sessionmaker: sessionmaker[Session]
    vocabularies: Vocabularies
    search: Search
    api: Api | None = None
    html_pages: dict[str, Callable[..., Any]] = field(default_factory=dict)
    """Renderers of the HTML pages at the RDF resources' URIs (dataset, agency…), by kind."""
    dcat_terms: Terms | None = None
    """Made on first use: it caches the description of every concept it has written."""
    dcat_validator: DcatValidator | None = None
    """Made on first use: loading the SHACL shapes costs a second."""
    mail: MailDelivery | None = None
    """The e-mail outbox's deliverer; None when no SMTP server is configured."""

    @cached_property
    def deadline_rules(self) -> DeadlineRules:
        """The access deadlines' rule table and calendar (parsed once: the holidays are cached)."""
        return self.settings.deadline_rules

    @cached_property
    def agency_names(self) -> AgencyNames:
        """Agency names by code, in memory (the search facet's labels)."""
        return AgencyNames(self.sessionmaker)

    @property
    def recorder(self) -> ChangeRecorder:
        return self.search.recorder

    def context(self, session: Session, *, actor: str = "system", principal: Actor = SYSTEM) -> Context:
        """The services' context for one unit of work on ``session``, acting as ``principal``."""
        return Context(
            session=session,
            concepts=self.vocabularies,
            recorder=self.recorder,
            actor=actor,
            principal=principal,
            mail_enabled=self.mail is not None,
            site_url=self.settings.site_url or self.settings.base_uri,
        )


def catalog_of(app: Flask | None = None) -> Catalog:
    """The wiring of ``app`` (the current app by default)."""
    wired: Catalog = (app if app is not None else current_app).extensions["catalog"]
    return wired
