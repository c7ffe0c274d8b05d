"""The register of standards that datasets and fields are mapped to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from dictionary import concepts as C
from dictionary.errors import AlreadyExists, Conflict, Message, NotFound, standard_taken
from dictionary.models import Field, Standard, StandardMapping
from dictionary.properties import STANDARD
from dictionary.services.base import (
    ANY_VERSION,
    Checker,
    Context,
    IfMatch,
    claim_version,
    paginate,
    unit_of_work,
)

STANDARD_SCHEMES = STANDARD.schemes()


@dataclass(frozen=True)
class StandardFilters:
    q: str | None = None
    kind: str | None = None
    status: str | None = None


class StandardService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def get(self, code: str) -> Standard:
        standard = self.ctx.session.scalar(select(Standard).where(Standard.code == code))
        if standard is None:
            raise NotFound("Standard", code)
        return standard

    def all(self) -> list[Standard]:
        """Every standard by code (the choices of a mapping form)."""
        return list(self.ctx.session.scalars(select(Standard).order_by(Standard.code)))

    def dictionaries(self) -> list[Standard]:
        """The dictionaries of terms (standards of kind DICTIONARY_TERM), by code."""
        return [standard for standard in self.all() if standard.kind == C.DICTIONARY_TERM]

    def regulations(self) -> list[Standard]:
        """The legal-basis register: the regulations of the standards register, by number."""
        return list(
            self.ctx.session.scalars(
                select(Standard).where(Standard.kind == C.REGULATION).order_by(Standard.identifier)
            )
        )

    def list(self, filters: StandardFilters, page: int, page_size: int) -> tuple[list[Standard], int]:
        query = select(Standard)
        check = Checker(self.ctx.concepts)
        kind = check.concept("kind", "standard-kinds", filters.kind)
        status = check.concept("status", "legal-statuses", filters.status)
        check.raise_if_any()
        if kind:
            query = query.where(Standard.kind == kind)
        if status:
            query = query.where(Standard.status == status)
        if filters.q:
            pattern = f"%{filters.q.lower()}%"
            query = query.where(
                or_(
                    func.lower(Standard.code).like(pattern),
                    func.lower(Standard.identifier).like(pattern),
                    func.lower(Standard.title_vi).like(pattern),
                    func.lower(Standard.title_en).like(pattern),
                )
            )
        return paginate(self.ctx.session, query, page, page_size, Standard.code)

    def usage(self, standard: Standard) -> dict[str, int]:
        """How many mappings and code-list fields cite the standard."""
        session = self.ctx.session
        mappings = session.scalar(select(func.count()).where(StandardMapping.standard_id == standard.id)) or 0
        code_lists = (
            session.scalar(select(func.count()).where(Field.code_list_standard_id == standard.id)) or 0
        )
        return {"mappings": mappings, "code_list_fields": code_lists}

    @unit_of_work
    def create(self, data: dict[str, Any]) -> Standard:
        data = self._checked(data)
        if self.ctx.session.scalar(select(Standard.id).where(Standard.code == data["code"])) is not None:
            raise AlreadyExists.one("code", standard_taken(data["code"]))
        standard = Standard(**data)
        self.ctx.session.add(standard)
        self.ctx.session.flush()
        return standard

    @unit_of_work
    def update(self, code: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION) -> Standard:
        standard = self.get(code)
        claim_version(self.ctx.session, standard, if_match)
        data = self._checked(data)
        new_code = data.get("code")
        if (
            new_code
            and new_code != code
            and self.ctx.session.scalar(select(Standard.id).where(Standard.code == new_code))
        ):
            raise AlreadyExists.one("code", standard_taken(new_code))
        for name, value in data.items():
            setattr(standard, name, value)
        self.ctx.session.flush()
        return standard

    @unit_of_work
    def delete(self, code: str, if_match: IfMatch = ANY_VERSION) -> None:
        standard = self.get(code)
        claim_version(self.ctx.session, standard, if_match)
        if any(self.usage(standard).values()):
            raise Conflict(
                Message(
                    "standard_in_use",
                    "Standard {standard} is used by mappings or code lists; mark it superseded instead",
                    standard=code,
                )
            )
        self.ctx.session.delete(standard)
        self.ctx.session.flush()

    def _checked(self, data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        check = Checker(self.ctx.concepts)
        check.resolve_concepts(data, STANDARD_SCHEMES)
        check.raise_if_any()
        return data
