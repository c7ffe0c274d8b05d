"""The demo catalog: Đắk Nông's shared databases carried through the 2025 reforms into Lâm Đồng.

``load_demo`` registers the agencies, standards, datasets (with their dictionaries, distributions
and mappings) and then replays the 2025 lineage — the 1/3/2025 department mergers and the 1/7/2025
merger of Đắk Nông into Lâm Đồng — through the same services the REST API uses, so every value is
validated exactly as a client's would be. Everything happens in one unit of work: a failure loads
nothing. The data lives in the sibling modules as plain Python (see their docstrings for sources;
records and people are synthesised): ``datasets_<sector>`` hold the shared databases of
vietnam-context.md §5.2, ``datasets_open_<sector>`` the open data the province publishes, which
anonymous visitors see.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select

from dictionary.demo import (
    datasets_admin,
    datasets_agri,
    datasets_culture,
    datasets_economy,
    datasets_health,
    datasets_home,
    datasets_land,
    datasets_open_culture,
    datasets_open_economy,
    datasets_open_environment,
    datasets_open_public,
    datasets_open_services,
    datasets_society,
)
from dictionary.demo.agencies import AGENCIES, LINEAGE
from dictionary.demo.build import DemoDataset
from dictionary.demo.standards import STANDARDS
from dictionary.demo.terms import DICTIONARIES, TERMS
from dictionary.models import Agency, DataElement, Dataset, Field, Standard, StandardMapping
from dictionary.services import (
    AgencyService,
    Context,
    DatasetService,
    DistributionService,
    MappingService,
    StandardService,
)
from dictionary.services.base import unit_of_work
from dictionary.services.revisions import write_revisions
from dictionary.services.terms import TermService

__all__ = ["DemoLoader", "demo_datasets", "load_demo"]

DATASET_MODULES = (
    datasets_admin,
    datasets_home,
    datasets_economy,
    datasets_land,
    datasets_agri,
    datasets_health,
    datasets_culture,
    datasets_society,
    datasets_open_public,
    datasets_open_economy,
    datasets_open_environment,
    datasets_open_culture,
    datasets_open_services,
)
REVISION_MESSAGE = "Nạp danh mục mẫu / demo catalog loaded"


def demo_datasets() -> list[DemoDataset]:
    """Every demo dataset, ordered so that the target of a foreign key is created before its users."""
    datasets = [item for module in DATASET_MODULES for item in module.DATASETS]
    return _creation_order(datasets)


def _creation_order(datasets: Iterable[DemoDataset]) -> list[DemoDataset]:
    pending = {item.slug: item for item in datasets}
    unknown = {ref for item in pending.values() for ref in item.references()} - set(pending)
    if unknown:
        raise ValueError(f"demo fields refer to unknown datasets: {sorted(unknown)}")
    ordered: list[DemoDataset] = []
    done: set[str] = set()
    while pending:
        ready = [item for item in pending.values() if item.references() <= done]
        if not ready:
            raise ValueError(f"circular foreign keys among demo datasets: {sorted(pending)}")
        for item in ready:
            ordered.append(item)
            done.add(item.slug)
            del pending[item.slug]
    return ordered


class DemoLoader:
    """Loads the demo catalog through the services, as one transaction."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def present(self) -> int:
        return self.ctx.session.scalar(select(func.count()).select_from(Dataset)) or 0

    @unit_of_work
    def load(self) -> dict[str, int]:
        agencies = AgencyService(self.ctx)
        for agency in AGENCIES:
            agencies.create(copy.deepcopy(agency))
        standards = StandardService(self.ctx)
        for standard in STANDARDS + DICTIONARIES:
            standards.create(copy.deepcopy(standard))
        terms = TermService(self.ctx)
        for term in TERMS:
            terms.create(copy.deepcopy(term), "Nạp dữ liệu mẫu / demo term")
        datasets = DatasetService(self.ctx)
        distributions = DistributionService(self.ctx)
        mappings = MappingService(self.ctx)
        # The data was written as of AUTHORED_ON; moving its update dates by the time since keeps
        # the mix of fresh and stale datasets the demo was written to show.
        shift = self.ctx.clock() - AUTHORED_ON
        for item in demo_datasets():
            payload = copy.deepcopy(item.payload)
            if payload.get("data_updated_on"):
                payload["data_updated_on"] += shift
            datasets.create(payload, message=REVISION_MESSAGE)
            # The demo replays a history of edits in one transaction: each step its own revision,
            # as if each had been its own request, so the history pages have something to show.
            write_revisions(self.ctx)
            for distribution in item.distributions:
                distributions.add(item.slug, copy.deepcopy(distribution))
                write_revisions(self.ctx)
            for mapping in item.mappings:
                mappings.add(item.slug, dict(mapping))
                write_revisions(self.ctx)
        self._replay_lineage(agencies, datasets)
        return self.counts()

    def _replay_lineage(self, agencies: AgencyService, datasets: DatasetService) -> None:
        for step in LINEAGE:
            on = date.fromisoformat(step["on"])
            if step["step"] == "merge":
                agencies.merge(step["sources"], into=step["into"], effective_on=on, legal_basis=step["basis"])
            elif step["step"] == "rename":
                agencies.rename(
                    step["code"],
                    name_vi=step["name_vi"],
                    name_en=step["name_en"],
                    effective_on=on,
                    legal_basis=step["basis"],
                )
            elif step["step"] == "assign":
                datasets.assign(
                    step["dataset"],
                    agency=step["agency"],
                    role=step["role"],
                    valid_from=on,
                    note=step["note"],
                )
            else:
                raise ValueError(f"unknown lineage step {step['step']!r}")
            write_revisions(self.ctx)

    def counts(self) -> dict[str, int]:
        session = self.ctx.session
        models = {
            "agencies": Agency,
            "standards": Standard,
            "terms": DataElement,
            "datasets": Dataset,
            "fields": Field,
        }
        counts = {
            name: session.scalar(select(func.count()).select_from(model)) or 0
            for name, model in models.items()
        }
        counts["mappings"] = session.scalar(select(func.count()).select_from(StandardMapping)) or 0
        return counts


AUTHORED_ON = date(2026, 11, 26)
"""The day the demo's data-update dates were written for."""


def load_demo(ctx: Context, skip_if_present: bool = True) -> str:
    """Load the demo catalog; with ``skip_if_present``, do nothing when datasets already exist.

    Returns a one-line summary, e.g. "Loaded 45 agencies, 26 standards, 55 datasets, 668 fields,
    322 mappings".
    """
    loader = DemoLoader(ctx)
    if skip_if_present and (existing := loader.present()):
        return f"Demo catalog not loaded: the catalog already has {existing} datasets"
    before = loader.counts()
    after = loader.load()
    counts = {name: after[name] - before[name] for name in after}
    return (
        f"Loaded {counts['agencies']} agencies, {counts['standards']} standards, {counts['datasets']} "
        f"datasets, {counts['fields']} fields, {counts['mappings']} mappings"
    )
