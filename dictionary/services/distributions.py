"""Distributions and access services: how a dataset is reached."""

from __future__ import annotations

from typing import Any

from dictionary import change_messages as M
from dictionary.errors import AlreadyExists, NotFound, distribution_taken
from dictionary.models import Dataset, Distribution
from dictionary.properties import DISTRIBUTION
from dictionary.services.base import (
    ANY_VERSION,
    Checker,
    Context,
    IfMatch,
    slugify,
    unit_of_work,
)
from dictionary.services.datasets import DatasetService
from dictionary.services.revisions import record_change

DISTRIBUTION_SCHEMES = DISTRIBUTION.schemes()


class DistributionService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.datasets = DatasetService(ctx)

    def get(self, dataset: Dataset, slug: str) -> Distribution:
        for distribution in dataset.distributions:
            if distribution.slug == slug:
                return distribution
        raise NotFound("Distribution", f"{dataset.slug}/{slug}")

    @unit_of_work
    def add(self, dataset_slug: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION) -> Distribution:
        dataset = self.datasets.for_edit(dataset_slug, if_match)
        data = self._checked(data)
        data["slug"] = data.get("slug") or slugify(data.get("title_en") or data["title_vi"])
        if any(d.slug == data["slug"] for d in dataset.distributions):
            raise AlreadyExists.one("slug", distribution_taken(data["slug"]))
        distribution = Distribution(**data)
        dataset.distributions.append(distribution)
        record_change(self.ctx, dataset, M.DISTRIBUTION_ADDED + data["slug"])
        return distribution

    @unit_of_work
    def update(
        self, dataset_slug: str, slug: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION
    ) -> Distribution:
        dataset = self.datasets.for_edit(dataset_slug, if_match)
        distribution = self.get(dataset, slug)
        data = self._checked(data)
        new_slug = data.get("slug")
        if new_slug and new_slug != slug and any(d.slug == new_slug for d in dataset.distributions):
            raise AlreadyExists.one("slug", distribution_taken(new_slug))
        for name, value in data.items():
            setattr(distribution, name, value)
        record_change(self.ctx, dataset, M.DISTRIBUTION_CHANGED + slug)
        return distribution

    @unit_of_work
    def delete(self, dataset_slug: str, slug: str, if_match: IfMatch = ANY_VERSION) -> None:
        dataset = self.datasets.for_edit(dataset_slug, if_match)
        dataset.distributions.remove(self.get(dataset, slug))
        record_change(self.ctx, dataset, M.DISTRIBUTION_REMOVED + slug)

    def replace_all(self, dataset: Dataset, items: list[dict[str, Any]]) -> None:
        """Make the distributions exactly ``items`` (used by restore); matched by slug."""
        existing = {d.slug: d for d in dataset.distributions}
        kept = []
        for item in items:
            distribution = existing.get(item["slug"]) or Distribution()
            for name, value in self._checked(item).items():
                setattr(distribution, name, value)
            kept.append(distribution)
        dataset.distributions = kept

    def _checked(self, data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        check = Checker(self.ctx.concepts)
        check.resolve_concepts(data, DISTRIBUTION_SCHEMES)
        check.raise_if_any()
        return data
