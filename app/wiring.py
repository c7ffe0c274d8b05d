"""Builds the services of a request from the app's wiring; views get them from ``services()``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from flask import current_app, g

from app.db import get_session
from dictionary.ports import ChangeRecorder, ConceptLookup
from dictionary.services import (
    AgencyService,
    Context,
    DatasetService,
    DistributionService,
    FieldService,
    MappingService,
    RevisionService,
    StandardService,
)


@dataclass
class Services:
    """The domain services of one request, sharing one session and one context."""

    ctx: Context

    @cached_property
    def agencies(self) -> AgencyService:
        return AgencyService(self.ctx)

    @cached_property
    def datasets(self) -> DatasetService:
        return DatasetService(self.ctx)

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
    def revisions(self) -> RevisionService:
        return RevisionService(self.ctx)


def concepts() -> ConceptLookup:
    lookup: ConceptLookup = current_app.extensions["catalog.vocabularies"]
    return lookup


def services() -> Services:
    if "services" not in g:
        recorder: ChangeRecorder = current_app.extensions["catalog.recorder"]
        g.services = Services(
            Context(session=get_session(), concepts=concepts(), recorder=recorder, actor=current_actor())
        )
    result: Services = g.services
    return result


def current_actor() -> str:
    """Who is acting, for revisions; accounts (issue 5) replace this with the signed-in principal."""
    return str(g.get("actor_name", "api"))
