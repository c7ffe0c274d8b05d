"""The register of terms (data elements) of the shared data dictionary, with dated history."""

from __future__ import annotations

import builtins
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from dictionary import concepts as C
from dictionary.errors import (
    AlreadyExists,
    Conflict,
    Message,
    NotFound,
    PermissionDenied,
    no_agency,
    no_standard,
    term_taken,
)
from dictionary.models import Agency, DataElement, DataElementVersion, Standard, StandardMapping, utcnow
from dictionary.properties import TERM, Kind
from dictionary.services.base import (
    ANY_VERSION,
    Checker,
    Context,
    IfMatch,
    claim_version,
    paginate,
    unit_of_work,
)

LIST_VALUED = tuple(prop.name for prop in TERM.of_kind(Kind.WORDS))


@dataclass(frozen=True)
class TermFilters:
    q: str | None = None
    status: str | None = None
    standard: str | None = None
    provincial: bool | None = None


class TermService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # Reading -------------------------------------------------------------------------------

    def get(self, code: str) -> DataElement:
        term = self.ctx.session.scalar(select(DataElement).where(DataElement.code == code))
        if term is None:
            raise NotFound("Term", code)
        return term

    def all(self) -> builtins.list[DataElement]:
        return list(self.ctx.session.scalars(select(DataElement).order_by(DataElement.code)))

    def list(self, filters: TermFilters, page: int, page_size: int) -> tuple[list[DataElement], int]:
        query = select(DataElement)
        check = Checker(self.ctx.concepts)
        status = check.concept("status", "term-statuses", filters.status)
        check.raise_if_any()
        if status:
            query = query.where(DataElement.status == status)
        if filters.standard:
            query = query.join(Standard, DataElement.standard_id == Standard.id).where(
                Standard.code == filters.standard
            )
        if filters.provincial is not None:
            query = query.where(DataElement.provincial == filters.provincial)
        if filters.q:
            # The register is small (hundreds of terms): match folded text in memory, so that
            # "so dinh danh" finds "Số định danh" and "cccd" the term whose abbreviation it is.
            wanted = _fold(filters.q)
            found = [
                t for t in self.ctx.session.scalars(query.order_by(DataElement.code)) if wanted in _text_of(t)
            ]
            start = (page - 1) * page_size
            return found[start : start + page_size], len(found)
        return paginate(self.ctx.session, query, page, page_size, DataElement.code)

    def history(self, code: str) -> builtins.list[DataElementVersion]:
        return list(self.get(code).history)

    def mapping_count(self, term: DataElement) -> int:
        return (
            self.ctx.session.scalar(
                select(func.count()).where(
                    StandardMapping.standard_id == term.standard_id, StandardMapping.term == term.code
                )
            )
            or 0
        )

    # Writing -------------------------------------------------------------------------------

    @unit_of_work
    def create(self, data: dict[str, Any], note: str | None = None) -> DataElement:
        self.require_admin()
        if (
            self.ctx.session.scalar(select(DataElement.id).where(DataElement.code == data["code"]))
            is not None
        ):
            raise AlreadyExists.one("code", term_taken(data["code"]))
        values = self._checked(data, None)
        term = DataElement(**{name: [] for name in LIST_VALUED} | values)
        self.ctx.session.add(term)
        self.ctx.session.flush()
        self._remember(term, note or "Tạo thuật ngữ / term created")
        return term

    @unit_of_work
    def update(
        self, code: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION, note: str | None = None
    ) -> DataElement:
        self.require_admin()
        term = self.get(code)
        claim_version(self.ctx.session, term, if_match)
        new_code = data.get("code", code)
        moved = "standard" in data and data["standard"] != term.standard.code
        if (new_code != code or moved) and self.mapping_count(term):
            # Mappings name a term by its dictionary and code: changing either would orphan them.
            raise Conflict(
                Message(
                    "term_mapped_code",
                    "Term {term} is mapped by fields; its code and dictionary cannot change",
                    term=code,
                )
            )
        if new_code != code and self.ctx.session.scalar(
            select(DataElement.id).where(DataElement.code == new_code)
        ):
            raise AlreadyExists.one("code", term_taken(new_code))
        values = self._checked(data, term)
        for name, value in values.items():
            setattr(term, name, value)
        self.ctx.session.flush()
        # A reference given by its id: the related record loaded before is stale until reloaded.
        self.ctx.session.expire(term, [name.removesuffix("_id") for name in values if name.endswith("_id")])
        self._remember(term, note or "Sửa thuật ngữ / term changed: " + ", ".join(sorted(data)))
        return term

    @unit_of_work
    def delete(self, code: str, if_match: IfMatch = ANY_VERSION) -> None:
        self.require_admin()
        term = self.get(code)
        claim_version(self.ctx.session, term, if_match)
        if self.mapping_count(term):
            raise Conflict(
                Message(
                    "term_mapped", "Term {term} is mapped by fields; mark it superseded instead", term=code
                )
            )
        if self.ctx.session.scalar(select(DataElement.id).where(DataElement.superseded_by_id == term.id)):
            raise Conflict(
                Message(
                    "term_replaces", "Term {term} replaces another term; change that one first", term=code
                )
            )
        self.ctx.session.delete(term)
        self.ctx.session.flush()

    # Helpers -------------------------------------------------------------------------------

    def require_admin(self) -> None:
        # The register is reference data of the whole province, maintained by its administrators.
        if not self.ctx.principal.is_admin:
            raise PermissionDenied(
                Message("terms_admin", "Only administrators maintain the shared data dictionary")
            )

    def _checked(self, data: dict[str, Any], current: DataElement | None) -> dict[str, Any]:
        """Input values as columns: concepts resolved, references looked up, rules checked."""
        values = dict(data)
        check = Checker(self.ctx.concepts)
        check.resolve_concepts(values, TERM.schemes())
        for name in ("standard", "code_list_standard"):
            if name in values:
                values[f"{name}_id"] = self._standard_id(check, name, values.pop(name))
        if "maintainer" in values:
            code = values.pop("maintainer")
            agency = None
            if code is not None:
                agency = self.ctx.session.scalar(select(Agency.id).where(Agency.code == code))
                if agency is None:
                    check.fail("maintainer", no_agency(code))
            values["maintainer_id"] = agency
        if "superseded_by" in values:
            values["superseded_by_id"] = self._successor(check, values.pop("superseded_by"), data, current)
        merged = {name: getattr(current, name, None) for name in ("precision", "scale", "status")} | values
        if (
            merged["scale"] is not None
            and merged["precision"] is not None
            and merged["scale"] > merged["precision"]
        ):
            check.fail("scale", Message("not_above", "must not exceed {other}", other="precision"))
        if (
            merged.get("status") == C.TERM_SUPERSEDED
            and values.get("superseded_by_id", getattr(current, "superseded_by_id", None)) is None
        ):
            check.fail(
                "superseded_by",
                Message("superseded_by_needed", "a superseded term names the term that replaces it"),
            )
        if values.get("pattern"):
            from dictionary.services.conformance import compile_pattern

            if compile_pattern(values["pattern"]) is None:
                check.fail("pattern", Message("bad_pattern", "is not a valid regular expression"))
        check.raise_if_any()
        return values

    def _standard_id(self, check: Checker, name: str, code: str | None) -> Any:
        if code is None:
            return None
        found = self.ctx.session.scalar(select(Standard.id).where(Standard.code == code))
        if found is None:
            check.fail(name, no_standard(code))
        return found

    def _successor(
        self, check: Checker, code: str | None, data: dict[str, Any], current: DataElement | None
    ) -> Any:
        if code is None:
            return None
        own = data.get("code", current.code if current else None)
        if code == own:
            check.fail("superseded_by", Message("supersede_self", "a term cannot supersede itself"))
            return None
        found = self.ctx.session.scalar(select(DataElement.id).where(DataElement.code == code))
        if found is None:
            check.fail("superseded_by", Message("no_term", "no term has the code '{term}'", term=code))
        return found

    def _remember(self, term: DataElement, note: str) -> None:
        self.ctx.session.add(
            DataElementVersion(
                data_element_id=term.id,
                lock_version=term.lock_version,
                version=term.version,
                changed_at=utcnow(),
                actor=self.ctx.actor[:200],
                note=note,
                snapshot=term_snapshot(term),
            )
        )
        self.ctx.session.flush()
        self.ctx.session.expire(term, ["history"])


def _fold(text: str) -> str:
    """Lowercase, without diacritics (đ → d), spaces collapsed: how the register is filtered."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _text_of(term: DataElement) -> str:
    names = [term.code, term.code.replace("_", " "), term.name_vi, term.name_en or "", *term.synonyms,
             *term.abbreviations]  # fmt: skip
    return " | ".join(_fold(name) for name in names)


def term_snapshot(term: DataElement) -> dict[str, Any]:
    """Every property of the term as the API gives it (codes for references), JSON-ready."""
    result: dict[str, Any] = {}
    for prop in TERM:
        if prop.target == "standard":
            standard = term.standard if prop.name == "standard" else term.code_list_standard
            value: Any = standard.code if standard is not None else None
        elif prop.target == "agency":
            value = term.maintainer.code if term.maintainer is not None else None
        elif prop.target == "term":
            value = term.superseded_by.code if term.superseded_by is not None else None
        else:
            value = getattr(term, prop.name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, list):
                value = list(value)
        result[prop.name] = value
    return result
