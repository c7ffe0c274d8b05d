"""The read-only CKAN actions, each reading its parameters and answering CKAN's ``result``.

Visibility is the REST API's (the caller's :class:`~dictionary.visibility.Visibility`, applied in
SQL by :class:`~dictionary.services.listing.CatalogListing`); free text in ``q`` is answered by the
site's own search service, so ``package_search?q=`` finds what ``/search?q=`` finds.
CKAN's defaults hold on top: searches and lists show active (published) datasets, public (open)
ones unless a signed-in caller asks ``include_private``, drafts and deleted (retired) ones only on
``include_drafts`` / ``include_deleted``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from app.ckan.errors import BadRequest, NotFoundError, SearchQueryFailed
from app.ckan.filtering import (
    FACET_FIELDS,
    SORT_FIELDS,
    Row,
    check_fields,
    facet_counts,
    matches,
    parse_sort,
    rows_of,
    sort_rows,
)
from app.ckan.mapping import CkanMapper, organization_name
from app.ckan.params import Params
from app.ckan.query import (
    And,
    MatchAll,
    Node,
    QuerySyntaxError,
    Text,
    conjuncts,
    fields_of,
    has_text,
    parse,
)
from dictionary import concepts as C
from dictionary.errors import NotFound
from dictionary.models import Agency
from dictionary.services.listing import CatalogListing

MAX_ROWS = 1000
"""CKAN's ``ckan.search.rows_max``: a bigger ``rows`` is refused, not cut (a client paging by its
own ``rows`` would otherwise skip what the cut left out)."""
MAX_LIST = 1000
DEFAULT_SORT = "score desc, metadata_modified desc"
DISTRIBUTION_FIELDS = frozenset({"res_format", "license_id"})
"""Package fields that come from the distributions (read only when a filter or facet needs them)."""
CKAN_VERSION = "2.10.0"
"""The CKAN release whose Action API this subset follows (clients choose features by it)."""

SearchText = Callable[[str], list[str]]
"""Free text → ids of the matching visible datasets, best first (the site's search)."""


@dataclass
class Site:
    title: str
    url: str
    description: str


class CkanActions:
    def __init__(
        self,
        listing: CatalogListing,
        mapper: CkanMapper,
        search_text: SearchText,
        *,
        signed_in: bool,
        site: Site,
    ) -> None:
        self.listing = listing
        self.mapper = mapper
        self.search_text = search_text
        self.signed_in = signed_in
        self.site = site

    def call(self, name: str, data: dict[str, Any]) -> Any:
        action = ACTIONS.get(name)
        if action is None:
            raise BadRequest(_("Yêu cầu sai: không có hành động tên %(name)s", name=name))
        params = Params(data)
        run = action(self, params)
        params.done()
        return run()

    # Site ----------------------------------------------------------------------------------------

    def status_show(self, _params: Params) -> Callable[[], Any]:
        return lambda: {
            "site_title": self.site.title,
            "site_description": self.site.description,
            "site_url": self.site.url,
            "ckan_version": CKAN_VERSION,
            "api_version": 3,
            "locale_default": "vi",
            "extensions": [],
        }

    def site_read(self, _params: Params) -> Callable[[], Any]:
        return lambda: True

    def help_show(self, params: Params) -> Callable[[], Any]:
        name = params.required("name")

        def run() -> Any:
            action = ACTIONS.get(name)
            if action is None:
                raise NotFoundError(_("Không có hành động tên %(name)s", name=name))
            return (action.__doc__ or "").strip()

        return run

    def license_list(self, _params: Params) -> Callable[[], Any]:
        return lambda: [
            {
                "id": lic.id,
                "title": lic.title,
                "url": lic.url,
                "status": "active",
                "is_okd_compliant": lic.is_open,
            }
            for lic in self.mapper.licences()
        ]

    # Packages ------------------------------------------------------------------------------------

    def package_list(self, params: Params) -> Callable[[], Any]:
        """Names of the public active datasets, by name (``limit``, ``offset``; ``include_private``,
        ``include_drafts`` and ``include_deleted`` as in package_search, which ckanapi sends)."""
        limit = params.integer("limit", None)
        offset = params.integer("offset", 0) or 0
        statuses, open_only = self._scope(params)

        def run() -> Any:
            names = sorted(
                entry.slug
                for entry in self.listing.entries(statuses, open_only=open_only, distribution_terms=False)
            )
            return names[offset:] if limit is None else names[offset : offset + limit]

        return run

    def package_show(self, params: Params) -> Callable[[], Any]:
        """One dataset by name or id (drafts too, for whoever may see them)."""
        key = params.text("id") or params.text("name_or_id")
        if not key:
            params.fail("id", _("Thiếu giá trị"))
        return lambda: self.mapper.package(self._dataset(key or ""))

    def _dataset(self, key: str) -> Any:
        try:
            return self.listing.get(key)
        except NotFound as error:
            raise NotFoundError(_("Không tìm thấy bộ dữ liệu %(id)s", id=key)) from error

    def resource_show(self, params: Params) -> Callable[[], Any]:
        """One resource (distribution) by id."""
        key = params.required("id")

        def run() -> Any:
            missing = NotFoundError(_("Không tìm thấy tài nguyên %(id)s", id=key))
            try:
                wanted = uuid.UUID(key)
            except ValueError:
                raise missing from None
            dataset_id = self.listing.dataset_of_distribution(wanted)
            if dataset_id is None:
                raise missing
            dataset = self._dataset(str(dataset_id))
            for position, distribution in enumerate(dataset.distributions):
                if distribution.id == wanted:
                    return self.mapper.resource(dataset, position, distribution)
            raise missing

        return run

    def current_package_list_with_resources(self, params: Params) -> Callable[[], Any]:
        """Public active datasets with their resources, latest change first (limit, offset, page)."""
        limit = params.integer("limit", None, MAX_ROWS)
        offset = params.integer("offset", 0) or 0
        page = params.integer("page", None)
        if page is not None and page < 1:
            params.fail("page", _("Phải là số nguyên dương"))

        def run() -> Any:
            size = limit if limit is not None else MAX_ROWS
            start = (page - 1) * size if page else offset
            rows = sort_rows(
                rows_of(self.listing.entries(distribution_terms=False), self.mapper, None),
                [("metadata_modified", True)],
            )
            return self._packages(rows[start : start + size])

        return run

    def package_search(self, params: Params) -> Callable[[], Any]:
        """Search datasets: q, fq, rows, start, sort, facet.field, include_private/drafts/deleted."""
        q = params.text("q", "") or ""
        fq = params.text("fq", "") or ""
        rows = params.integer("rows", 10, MAX_ROWS)
        start = params.integer("start", 0) or 0
        sort_text = params.text("sort") or DEFAULT_SORT
        facet = params.boolean("facet", True)
        fields = params.strings("facet.field")
        limit = params.integer("facet.limit", 50)
        mincount = params.integer("facet.mincount", 1) or 0
        statuses, open_only = self._scope(params)
        params.text("fl")  # CKAN's field list: whole packages are always returned
        try:
            sort = parse_sort(sort_text)
        except ValueError:
            params.fail(
                "sort",
                _(
                    "%(sort)s không phải một thứ tự sắp xếp: dùng %(fields)s kèm asc hoặc desc, "
                    "ví dụ metadata_modified desc",
                    sort=sort_text,
                    fields=", ".join(SORT_FIELDS),
                ),
            )
            sort = []
        for name in fields:
            if name not in FACET_FIELDS:
                params.fail("facet.field", _("Không lọc nhóm theo %(name)s (chọn trong: %(names)s)",
                                             name=name, names=", ".join(FACET_FIELDS)))  # fmt: skip
        text, filters = self._query(q, fq)

        def run() -> Any:
            ranks = None
            if text:
                ranks = {uuid.UUID(i): n for n, i in enumerate(self.search_text(text))}
            terms = bool(DISTRIBUTION_FIELDS & (fields_of(filters) | set(fields if facet else ())))
            entries = self.listing.entries(
                statuses,
                open_only=open_only,
                ids=None if ranks is None else list(ranks),
                distribution_terms=terms,
            )
            found = [row for row in rows_of(entries, self.mapper, ranks) if matches(filters, row)]
            ordered = sort_rows(found, sort)
            page = ordered[start : start + (rows if rows is not None else 10)]
            counts = (
                facet_counts(found, fields, limit if limit is not None else 50, mincount) if facet else {}
            )
            return {
                "count": len(found),
                "sort": sort_text,
                "results": self._packages(page),
                "facets": counts,
                "search_facets": self._search_facets(counts),
            }

        return run

    def _scope(self, params: Params) -> tuple[list[str], bool]:
        """CKAN's defaults: active datasets only, public ones only; drafts, deleted (retired) and
        private ones on request, within what the caller may see anyway."""
        include_private = params.boolean("include_private")
        drafts = params.boolean("include_drafts")
        deleted = params.boolean("include_deleted")
        statuses = [C.PUBLISHED, *([C.DRAFT] if drafts else []), *([C.RETIRED] if deleted else [])]
        return statuses, not (include_private and self.signed_in)

    def _query(self, q: str, fq: str) -> tuple[str, Node]:
        """The free text of ``q`` for the site search, and the filter of ``fq`` and the rest of ``q``."""
        try:
            q_node = parse(q) if q.strip() else MatchAll()
            fq_node = parse(fq) if fq.strip() else MatchAll()
            if has_text(fq_node):
                raise QuerySyntaxError(_("fq chỉ nhận điều kiện dạng trường:giá trị"))
            check_fields(fq_node)
            parts = conjuncts(q_node)
            texts = [part.value for part in parts if isinstance(part, Text) and part.value != "*"]
            rest = [part for part in parts if not isinstance(part, Text)]
            if any(has_text(part) for part in rest):
                raise QuerySyntaxError(
                    _("Từ tìm kiếm tự do không đặt được trong OR hay NOT cùng điều kiện trường")
                )
            for part in rest:
                check_fields(part)
        except RecursionError as error:
            raise SearchQueryFailed(_("Câu truy vấn lồng quá sâu")) from error
        except QuerySyntaxError as error:
            raise SearchQueryFailed(_("Câu truy vấn không hợp lệ: %(reason)s", reason=str(error))) from error
        fielded = bool(rest)
        text = " ".join(texts) if fielded else ("" if q.strip() in ("", "*", "*:*") else q.strip())
        return text, And((fq_node, *rest))

    def _packages(self, rows: Sequence[Row]) -> list[dict[str, Any]]:
        return [self.mapper.package(d) for d in self.listing.load([row.entry.id for row in rows])]

    def _search_facets(self, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
        titles = {organization_name(a): a.name_vi for a in self.mapper.agencies.values()}
        groups = {self.mapper.group_name_of(t): self.mapper.group(t)["title"] for t in self.mapper.themes()}
        labels = {"organization": titles, "groups": groups}
        return {
            field: {
                "title": field,
                "items": [
                    {"name": value, "display_name": labels.get(field, {}).get(value, value), "count": count}
                    for value, count in values.items()
                ],
            }
            for field, values in counts.items()
        }

    # Organizations, groups, tags -----------------------------------------------------------------

    def _counts(self) -> dict[str, dict[str, int]]:
        rows = rows_of(self.listing.entries(distribution_terms=False), self.mapper, None)
        return facet_counts(rows, ("organization", "groups"), -1, 1)

    def organization_list(self, params: Params) -> Callable[[], Any]:
        """Current agencies as organizations: names, or dictionaries with ``all_fields``."""
        return self._list(params, "organization", self._organizations, self.mapper.organization)

    def group_list(self, params: Params) -> Callable[[], Any]:
        """Themes as groups: names, or dictionaries with ``all_fields``."""
        return self._list(params, "groups", self.mapper.themes, self.mapper.group)

    def _organizations(self) -> list[Agency]:
        return [a for a in self.mapper.agencies.values() if self.mapper.organization(a)["state"] == "active"]

    def _list(self, params: Params, facet: str, records: Callable[[], Sequence[Any]],
              shape: Callable[[Any], dict[str, Any]]) -> Callable[[], Any]:  # fmt: skip
        all_fields = params.boolean("all_fields")
        params.boolean("include_dataset_count", True)
        params.boolean("include_extras")
        sort_text = params.text("sort", "title asc") or "title asc"
        limit = params.integer("limit", None, MAX_LIST)
        offset = params.integer("offset", 0) or 0
        wanted = params.strings("organizations" if facet == "organization" else "groups")
        query = (params.text("q") or "").casefold()
        field, _space, direction = sort_text.strip().partition(" ")
        descending = direction.strip() == "desc"
        if field not in ("name", "title", "package_count") or direction.strip() not in ("", "asc", "desc"):
            params.fail("sort", _("Sắp xếp theo name, title hoặc package_count, kèm asc hoặc desc"))

        def run() -> Any:
            counts = self._counts()[facet]
            dicts = [shape(record) | {"package_count": counts.get(shape(record)["name"], 0)}
                     for record in records()]  # fmt: skip
            dicts = [d for d in dicts if (not wanted or d["name"] in wanted)
                     and (not query or query in d["name"] or query in d["title"].casefold())]  # fmt: skip
            key = field if field in ("name", "package_count") else "title"
            dicts.sort(key=lambda d: d["name"])  # ties stay in name order
            dicts.sort(key=lambda d: d[key].casefold() if key == "title" else d[key], reverse=descending)
            dicts = dicts[offset:] if limit is None else dicts[offset : offset + limit]
            return dicts if all_fields else [d["name"] for d in dicts]

        return run

    def organization_show(self, params: Params) -> Callable[[], Any]:
        """One agency as an organization, by id or name; ``include_datasets`` adds its packages."""
        return self._show(params, "organization")

    def group_show(self, params: Params) -> Callable[[], Any]:
        """One theme as a group, by id or name; ``include_datasets`` adds its packages."""
        return self._show(params, "groups")

    def _show(self, params: Params, facet: str) -> Callable[[], Any]:
        key = params.required("id")
        include_datasets = params.boolean("include_datasets")
        params.boolean("include_extras")
        params.boolean("include_users")
        params.boolean("include_groups")
        params.boolean("include_tags")
        params.boolean("include_followers")

        def run() -> Any:
            found = self._find(facet, key)
            entries = self.listing.entries(distribution_terms=False)
            rows = [row for row in rows_of(entries, self.mapper, None)
                    if found["name"] in row.values[facet]]  # fmt: skip
            result = found | {"package_count": len(rows)}
            if include_datasets:
                ordered = sort_rows(rows, [("name", False)])[:MAX_LIST]
                result["packages"] = self._packages(ordered)
            return result

        return run

    def _find(self, facet: str, key: str) -> dict[str, Any]:
        if facet == "organization":
            candidates = [self.mapper.organization(a) for a in self.mapper.agencies.values()]
            missing = _("Không tìm thấy tổ chức %(id)s", id=key)
        else:
            candidates = [self.mapper.group(theme) for theme in self.mapper.themes()]
            missing = _("Không tìm thấy nhóm %(id)s", id=key)
        for candidate in candidates:
            if key in (candidate["id"], candidate["name"]):
                return candidate
        raise NotFoundError(missing)

    def tag_list(self, params: Params) -> Callable[[], Any]:
        """Keywords of the public active datasets (``query`` filters them, ``all_fields`` gives objects)."""
        query = (params.text("query") or params.text("q") or "").casefold()
        all_fields = params.boolean("all_fields")
        params.text("vocabulary_id")

        def run() -> Any:
            names = sorted(
                {
                    k
                    for e in self.listing.entries(distribution_terms=False)
                    for k in e.keywords
                    if query in k.casefold()
                }
            )
            return [self.mapper.tag(name) for name in names] if all_fields else names

        return run


ACTIONS: dict[str, Callable[[CkanActions, Params], Callable[[], Any]]] = {
    name: getattr(CkanActions, name)
    for name in (
        "status_show",
        "site_read",
        "help_show",
        "license_list",
        "package_list",
        "package_show",
        "package_search",
        "current_package_list_with_resources",
        "resource_show",
        "organization_list",
        "organization_show",
        "group_list",
        "group_show",
        "tag_list",
    )
}
