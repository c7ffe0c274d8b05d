"""CKAN packages back into the catalog's terms: ``package_to_item`` and friends, pure functions.

The counterpart of :mod:`vocab.dcat_import` for a CKAN Action API source (``package_search``
results, CKAN 2.x shapes): a package becomes a :class:`~vocab.dcat_import.Harvested` record, its
organization the owner agency, its groups our themes (where one has that name), its tags
keywords, its resources distributions, ``data_dictionary`` (ours) the fields. Nothing is made
up: a value the package does not carry stays empty, and a value outside our tables is noted and
left out. The source's identifiers and dates are kept as the DCAT harvester keeps them: a UUID
``id`` becomes ours, ``metadata_created`` / ``metadata_modified`` are the source's issued /
modified, the package's address at the source is ``source_uri``. When the portal is another
instance of this catalog, its extras (our classifications under their own names) are read back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from dictionary import concepts as C
from dictionary.properties import DATASET
from dictionary.services.base import slugify
from vocab.dcat_import import ACCESS_CLASS, Defaults, Harvested, NotImportable, code_for_name, unique_slugs
from vocab.dcat_import_source import _is_uuid
from vocab.dcat_terms import Terms
from vocab.rdf_ns import EU

__all__ = ["CKAN_LICENCES", "EXTRA_COLUMNS", "package_to_item"]

CKAN_LICENCES = {
    "CC_BY_4_0": "cc-by",
    "CC_BYSA_4_0": "cc-by-sa",
    "CC0": "cc-zero",
    "CC_BYNC_4_0": "cc-nc",
    "ODC_BL": "odc-odbl",
    "ODC_BY": "odc-by",
    "ODC_PDDL": "odc-pddl",
}
"""EU licence codes that have an id in CKAN's default licence list (both directions)."""
EXTRA_COLUMNS = (
    "db_category",
    "sharing_class",
    "importance",
    "personal_data",
    "arch_component",
    "data_layer",
    "sharing_mode",
    "status",
    "frequency",
    "purpose",
    "scope",
    "content",
    "collection_mechanism",
    "source",
    "related_national_db",
)
"""Dataset columns this catalog's CKAN API carries as extras under their own names."""
STATUSES = {"active": C.PUBLISHED, "draft": C.DRAFT, "deleted": C.RETIRED}
PUBLIC = str(EU["access-right/PUBLIC"])


def package_to_item(package: Mapping[str, Any], terms: Terms, site: str, defaults: Defaults) -> Harvested:
    """One CKAN package as a harvested record; ``site`` is the portal's base URL."""
    identifier = _text(package.get("id")) or _text(package.get("name"))
    name = _text(package.get("name")) or identifier
    if not identifier or not name:
        raise NotImportable("package without id or name")
    title = _text(package.get("title"))
    if not title:
        raise NotImportable(f"{name}: missing title")
    extras = _extras(package.get("extras"))
    uri = extras.get("uri") or f"{site}/dataset/{quote(name, safe='')}"
    slug = slugify(name)[:200] or slugify(identifier)[:200]
    item = Harvested(uri=uri, identifier=identifier, slug=slug, data={})
    notes = _text(package.get("notes"))
    if not notes:
        item.notes.append("the source gives no description (notes)")
    tags = [t for t in (_text(tag.get("name")) for tag in _dicts(package.get("tags"))) if t]
    data: dict[str, Any] = {
        "slug": slug,
        "title_vi": title,
        "title_en": extras.get("title_en"),
        "description_vi": notes,
        "description_en": extras.get("notes_en"),
        "keywords_vi": sorted(set(tags)),
        "version": _text(package.get("version")),
        "landing_page": _web(package.get("url")),
        "themes": _themes(package, extras, terms, item.notes),
        "source_identifier": None if _is_uuid(identifier) else identifier[:500],
        "source_uri": uri[:500],
        "issued": _stamp(package.get("metadata_created")),
        "modified": _stamp(package.get("metadata_modified")),
    }
    data |= _classified(package, extras, terms, defaults, item.notes)
    data["contact_points"] = _contact(package)
    data["status"] = STATUSES.get(_text(package.get("state")) or "active", C.PUBLISHED)
    for key in ("temporal_start", "temporal_end", "data_updated_on"):
        data[key] = _date(extras.get(key))
    for key, target in (("spatial_uri", "spatial"), ("legal_basis", "legal_basis")):
        data[target] = _json(extras.get(key), [])
    item.data = {key: value for key, value in data.items() if value not in (None, [], "", {})}
    _owner(package, extras, item, defaults)
    access = _access(item.data.get("sharing_class"))
    licence = _licence(package, terms)
    resources = sorted(
        _dicts(package.get("resources")), key=lambda r: (r.get("position") or 0, str(r.get("id")))
    )
    item.distributions = unique_slugs(
        [d for r in resources if (d := _resource(r, terms, access, licence, item.notes))]
    )
    entries = sorted(_dicts(package.get("data_dictionary")), key=lambda f: f.get("position") or 0)
    item.fields = [f for entry in entries if (f := _field(entry, terms))]
    return item


# Parts ----------------------------------------------------------------------------------------


def _classified(
    package: Mapping[str, Any], extras: dict[str, str], terms: Terms, defaults: Defaults, notes: list[str]
) -> dict[str, Any]:
    """Our classifications from extras (this catalog's own output); the source's defaults for what a
    stock CKAN package does not say. A coded value outside its scheme is noted and left out."""
    private = package.get("private") is True
    found: dict[str, Any] = {
        "db_category": defaults.db_category,
        "sharing_class": "DUNG_CHUNG" if private else defaults.sharing_class,
        "importance": defaults.importance,
        "arch_component": defaults.arch_component,
    }
    for name in EXTRA_COLUMNS:
        value, prop = extras.get(name), DATASET[name]
        if value is None or prop.derived or name == "status":
            continue
        if prop.scheme is None:
            found[name] = value
        elif (resolved := terms.vocabularies.resolve(prop.scheme, value)) is not None:
            found[name] = resolved
        else:
            notes.append(f"extra {name} '{value[:80]}' is not in our {prop.scheme}; left out")
    return found


def _contact(package: Mapping[str, Any]) -> list[dict[str, str]]:
    """The maintainer as a contact person, unless it only names an agency (the organization or the
    author, as this catalog's own output does when a dataset has no contact person)."""
    name = _text(package.get("maintainer"))
    organization = package.get("organization")
    agencies = {
        _text(package.get("author")),
        _text(organization.get("title")) if isinstance(organization, Mapping) else None,
    }
    if not name or name in agencies:
        return []
    email = _text(package.get("maintainer_email"))
    return [{"name": name[:200]} | ({"email": email} if email else {})]


def _themes(package: Mapping[str, Any], extras: dict[str, str], terms: Terms, notes: list[str]) -> list[str]:
    given = _json(extras.get("theme"), None)
    if isinstance(given, list):
        candidates = [str(v) for v in given]
    else:
        candidates = [_text(g.get("name")) or "" for g in _dicts(package.get("groups"))]
    themes = []
    for candidate in candidates:
        uri = terms.vocabularies.resolve("themes", candidate.replace("-", "_"))
        if uri is None:
            notes.append(f"group {candidate[:80]} matches none of our themes; left out")
        elif uri not in themes:
            themes.append(uri)
    return sorted(themes)


def _owner(package: Mapping[str, Any], extras: dict[str, str], item: Harvested, defaults: Defaults) -> None:
    organization = package.get("organization")
    if isinstance(organization, Mapping) and _text(organization.get("title") or organization.get("name")):
        own = _extras(organization.get("extras"))
        title = _text(organization.get("title")) or _text(organization.get("name")) or ""
        code = own.get("code") or _text(organization.get("name")) or ""
        if len(code) > 40 or not code:
            code = code_for_name(title)
        agency = {
            "code": code,
            "name_vi": title,
            "name_en": own.get("name_en"),
            "short_name": own.get("short_name"),
            "level": own.get("level") or "SO_NGANH",
            "homepage": own.get("homepage"),
            "email": own.get("email"),
        }
        item.agencies[code] = {key: value for key, value in agency.items() if value}
        item.roles["owner"] = code
        if "code" not in own:  # a stock CKAN organization: matched by its title first
            item.named_agencies.add(code)
        for role in ("custodian", "steward"):
            other = extras.get(role)
            if other and other != code:
                item.notes.append(f"{role} {other}: an agency known only by its code here; left out")
            elif other:
                item.roles[role] = other
    elif defaults.owner:
        item.roles["owner"] = defaults.owner


def _resource(
    resource: Mapping[str, Any], terms: Terms, access: str, licence: str | None, notes: list[str]
) -> dict[str, Any] | None:
    name = _text(resource.get("name"))
    label = name or _text(resource.get("id")) or "resource"
    is_api = resource.get("resource_type") == "api"
    url = _web(resource.get("url"))
    access_url = _web(resource.get("access_url")) or url
    if access_url is None:
        notes.append(f"resource '{label[:80]}' gives no web address (url); left out")
        return None
    format_code = _text(resource.get("format"))
    file_type = terms.vocabularies.resolve("eu-file-types", format_code.upper()) if format_code else None
    if format_code and file_type is None:
        notes.append(
            f"resource '{label[:80]}': format {format_code[:40]} is not in the EU file-type table; left out"
        )
    kind = terms.vocabularies.resolve("access-kinds", _text(resource.get("access_kind")) or "")
    own_licence = _text(resource.get("license"))
    data = {
        "slug": slugify(name or format_code or "phan-phoi")[:200],
        "kind": kind or ("API" if is_api else "FILE"),
        "title_vi": name or format_code or "Phân phối",
        "title_en": _text(resource.get("name_en")),
        "description_vi": _text(resource.get("description")),
        "access_url": access_url,
        "download_url": _web(resource.get("download_url")) or (None if is_api else url),
        "endpoint_url": _web(resource.get("endpoint_url")),
        "format": file_type,
        "media_type": _text(resource.get("mimetype")),
        "licence": own_licence if own_licence and terms.vocabularies.concept(own_licence) else licence,
        "access_rights": _text(resource.get("rights")) or access,
        "byte_size": resource.get("size") if isinstance(resource.get("size"), int) else None,
    }
    if "download_url" in resource and resource.get("download_url") is None:
        data["download_url"] = None  # this catalog's own output says so explicitly
    return {key: value for key, value in data.items() if value is not None}


def _field(entry: Mapping[str, Any], terms: Terms) -> dict[str, Any] | None:
    name = _text(entry.get("id"))
    if not name:
        return None
    given = entry.get("info")
    info: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    data = {
        "name": name,
        "label_vi": _text(info.get("label")) or name,
        "label_en": _text(entry.get("label_en")),
        "definition": _text(info.get("notes")),
        "data_type": terms.vocabularies.resolve("data-types", _text(entry.get("type")) or ""),
        "length": entry.get("length") if isinstance(entry.get("length"), int) else None,
        "unit": _text(entry.get("unit")),
        "personal_data": _text(entry.get("personal_data")),
    }
    for flag in ("required", "unique", "primary_key"):
        data[flag] = entry.get(flag) is True
    return {key: value for key, value in data.items() if value is not None}


def _licence(package: Mapping[str, Any], terms: Terms) -> str | None:
    """The EU licence of the package: by CKAN licence id, by its URL (an EU concept or a URL the
    EU table matches exactly, as Creative Commons URLs), else none."""
    given = _text(package.get("license_id"))
    by_id = {ckan: code for code, ckan in CKAN_LICENCES.items()}
    if given and given in by_id:
        return terms.vocabularies.resolve("eu-licences", by_id[given])
    url = _text(package.get("license_url"))
    if url and terms.vocabularies.concept(url):
        return url
    return terms.eu_licence_for(url) if url else None


def _access(sharing_class: str | None) -> str:
    codes = {code: uri for uri, code in ACCESS_CLASS.items()}
    code = (sharing_class or "").rsplit("/", 1)[-1]
    return codes.get(code, PUBLIC)


def _extras(value: Any) -> dict[str, str]:
    return {
        str(e["key"]): str(e["value"]) for e in _dicts(value) if e.get("key") and e.get("value") is not None
    }


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _web(value: Any) -> str | None:
    text = _text(value)
    if text and urlsplit(text).scheme in ("http", "https") and urlsplit(text).netloc and len(text) <= 500:
        return text
    return None


def _stamp(value: Any) -> str | None:
    text = _text(value)
    try:
        return text[:40] if text and datetime.fromisoformat(text) else None
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _json(value: str | None, default: Any) -> Any:
    try:
        return json.loads(value) if value else default
    except ValueError:
        return default
