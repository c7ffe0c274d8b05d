"""Builds the services of a request from the app's wiring; views get them from ``services()``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from flask import g

from app import auth
from app.db import get_session
from app.extension import catalog_of
from dictionary.policies import SYSTEM, Actor
from dictionary.services import (
    AgencyService,
    Context,
    DictionaryFileService,
    DistributionService,
    FieldService,
    MappingService,
    StandardService,
)
from dictionary.services.access import AccessService
from dictionary.services.accounts import AccountService
from dictionary.services.audit import AuditLog
from dictionary.services.campaigns import CampaignService
from dictionary.services.conformance import ConformanceService
from dictionary.services.dashboard import Dashboard
from dictionary.services.deadlines import DeadlineService
from dictionary.services.grants import GrantService
from dictionary.services.harvest_sources import HarvestSourceService
from dictionary.services.notifications import NotificationService
from dictionary.services.password_reset import PasswordResetService
from dictionary.services.register import AccessRegister
from dictionary.services.scoped import ScopedDatasetService, ScopedRevisionService
from dictionary.services.statistics import PublicStatistics
from dictionary.services.term_import import TermFileService
from dictionary.services.terms import TermService
from dictionary.services.tokens import TokenService
from dictionary.visibility import Visibility
from search.term_search import TermSearchService
from search.term_suggestions import TermSuggestionService
from vocab.vocabularies import Vocabularies


@dataclass
class Services:
    """The domain services of one request, sharing one session and one context."""

    ctx: Context
    actor: Actor = SYSTEM
    """Who acts; the CLI acts as the system, requests as the caller (app.auth)."""
    visibility: Visibility = field(default_factory=Visibility.all)

    @cached_property
    def agencies(self) -> AgencyService:
        return AgencyService(self.ctx)

    @cached_property
    def datasets(self) -> ScopedDatasetService:
        # Reads filtered and redacted for the caller; writes checked by the service itself.
        return ScopedDatasetService(self.ctx, self.visibility)

    @cached_property
    def fields(self) -> FieldService:
        return FieldService(self.ctx)

    @cached_property
    def mappings(self) -> MappingService:
        return MappingService(self.ctx)

    @cached_property
    def distributions(self) -> DistributionService:
        return DistributionService(self.ctx)

    @cached_property
    def standards(self) -> StandardService:
        return StandardService(self.ctx)

    @cached_property
    def harvest_sources(self) -> HarvestSourceService:
        return HarvestSourceService(self.ctx)

    @cached_property
    def terms(self) -> TermService:
        return TermService(self.ctx)

    @cached_property
    def conformance(self) -> ConformanceService:
        # Reports name fields of other agencies' datasets: only those the caller may see.
        return ConformanceService(self.ctx, self.visibility)

    @cached_property
    def term_suggestions(self) -> TermSuggestionService:
        return TermSuggestionService(self.ctx)

    @cached_property
    def revisions(self) -> ScopedRevisionService:
        # History redacted for the caller: snapshots, messages and diffs (dictionary.visibility).
        return ScopedRevisionService(self.ctx, self.visibility)

    @cached_property
    def accounts(self) -> AccountService:
        return AccountService(self.ctx)

    @cached_property
    def password_resets(self) -> PasswordResetService:
        return PasswordResetService(self.ctx)

    @cached_property
    def tokens(self) -> TokenService:
        return TokenService(self.ctx)

    @cached_property
    def access(self) -> AccessService:
        return AccessService(self.ctx, self.actor, rules=catalog_of().deadline_rules)

    @cached_property
    def grants(self) -> GrantService:
        return GrantService(self.ctx, self.actor)

    @cached_property
    def register(self) -> AccessRegister:
        return AccessRegister(self.ctx, self.actor)

    @cached_property
    def dashboard(self) -> Dashboard:
        return Dashboard(self.ctx, self.actor)

    @cached_property
    def campaigns(self) -> CampaignService:
        # Task lists name datasets: only those the caller may see.
        return CampaignService(
            self.ctx, self.actor, calendar=catalog_of().deadline_rules.calendar, visibility=self.visibility
        )

    @cached_property
    def statistics(self) -> PublicStatistics:
        # The public summary: anonymous visibility for every caller, so it is the same for all.
        return PublicStatistics(self.ctx, catalog_of().deadline_rules.calendar)

    @cached_property
    def deadlines(self) -> DeadlineService:
        return DeadlineService(self.ctx, self.actor)

    @cached_property
    def notifications(self) -> NotificationService:
        return NotificationService(self.ctx, self.actor)

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self.ctx.session)

    @cached_property
    def dictionary_files(self) -> DictionaryFileService:
        return DictionaryFileService(self.ctx, visibility=self.visibility, suggester=self.term_suggestions)

    @cached_property
    def term_files(self) -> TermFileService:
        return TermFileService(self.ctx)

    @cached_property
    def term_search(self) -> TermSearchService:
        return TermSearchService(self.ctx)


def concepts() -> Vocabularies:
    """The loaded vocabularies: the domain's ConceptLookup, and more (schemes, graphs) for app."""
    lookup: Vocabularies = catalog_of().vocabularies
    return lookup


def services() -> Services:
    if "services" not in g:
        g.services = Services(
            catalog_of().context(get_session(), actor=current_actor(), principal=auth.current_actor()),
            actor=auth.current_actor(),
            visibility=auth.current_visibility(),
        )
    result: Services = g.services
    return result


def current_actor() -> str:
    """Who is acting, for revisions: the signed-in principal's name and e-mail address."""
    return auth.current_actor().label
