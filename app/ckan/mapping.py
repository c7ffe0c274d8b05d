"""Our records in CKAN's shapes: a dataset as a package, an agency as an organization, a theme as
a group, a distribution as a resource, a licence as a CKAN licence.

The keys and their formats are those of CKAN 2.10's ``package_show`` (times as naive UTC ISO
strings with microseconds, the way CKAN writes them), so that ckanext-harvest, udata and ckanapi
read them without a special case. What CKAN has no key for goes into ``extras`` as key/value
strings (CKAN harvesters copy extras verbatim); a value we do not have is left out, never made up.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from dictionary import concepts as C
from dictionary.models import Agency, Dataset
from dictionary.services.listing import CatalogEntry
from vocab.ckan_import import CKAN_LICENCES, EXTRA_COLUMNS
from vocab.vocabularies import Vocabularies

TAG_NAMESPACE = uuid.UUID("6f1c2f4e-5a0b-4c55-9d2e-0c7b3a9e1d10")
"""Names stable UUIDs for tags and groups, which CKAN gives an id and we do not."""

OPEN_LICENCES = frozenset({"cc-by", "cc-by-sa", "cc-zero", "odc-odbl", "odc-by", "odc-pddl"})
"""Those the Open Definition calls open (CKAN's ``isopen``)."""

STATES = {C.PUBLISHED: "active", C.DRAFT: "draft", C.RETIRED: "deleted"}
"""Our statuses as CKAN states; a retired dataset is what CKAN harvesters treat as removed."""

API_KINDS = frozenset({"API", "LGSP_SERVICE", "NDOP_SERVICE"})
"""Access kinds that CKAN calls ``resource_type: api``; files are ``file``."""


def ckan_time(moment: datetime | None) -> str | None:
    """CKAN's format: naive UTC with microseconds, ``2026-11-26T08:30:00.000000``."""
    if moment is None:
        return None
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds")


def organization_name(agency: Agency) -> str:
    """A CKAN name (lower case, digits, ``-`` and ``_``) from the agency code: H68.11 → h68-11."""
    return re.sub(r"[^a-z0-9_-]+", "-", agency.code.lower()).strip("-") or str(agency.id)


def group_name(code: str) -> str:
    """A CKAN name from a theme code: KINH_TE → kinh-te."""
    return code.lower().replace("_", "-")


def stable_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(TAG_NAMESPACE, f"{kind}:{key}"))


@dataclass(frozen=True)
class Licence:
    id: str
    title: str
    url: str

    @property
    def is_open(self) -> bool:
        return self.id in OPEN_LICENCES


class CkanMapper:
    """Maps records to CKAN dictionaries, knowing the vocabularies, agencies and the base URI."""

    def __init__(self, concepts: Vocabularies, agencies: Mapping[uuid.UUID, Agency], base_uri: str) -> None:
        self.concepts = concepts
        self.agencies = agencies
        self.base_uri = base_uri
        self.organization_names = {organization_name(a): a for a in agencies.values()}

    # Vocabulary-backed values --------------------------------------------------------------

    def code(self, uri: str | None) -> str | None:
        concept = self.concepts.concept(uri) if uri else None
        return concept.code if concept is not None else None

    def format_name(self, uri: str | None) -> str:
        """The file-type code (``CSV``, ``JSON``…); CKAN's own empty format when there is none."""
        return self.code(uri) or ""

    def licence(self, uri: str) -> Licence:
        code = self.code(uri) or uri
        return Licence(CKAN_LICENCES.get(code, code), self.concepts.label(uri, "en") or code, uri)

    def licences(self) -> list[Licence]:
        return [self.licence(concept.uri) for concept in self.concepts.concepts("eu-licences")]

    def themes(self) -> list[str]:
        return [concept.uri for concept in self.concepts.concepts("themes")]

    def group_name_of(self, theme_uri: str) -> str:
        return group_name(self.code(theme_uri) or theme_uri)

    # Organizations and groups ------------------------------------------------------------------

    def organization(self, agency: Agency) -> dict[str, Any]:
        current = agency.valid_to is None or agency.valid_to > date.today()
        return {
            "id": str(agency.id),
            "name": organization_name(agency),
            "title": agency.name_vi,
            "display_name": agency.name_vi,
            "type": "organization",
            "description": "",
            "image_url": "",
            "image_display_url": "",
            "created": ckan_time(agency.created_at),
            "is_organization": True,
            "approval_status": "approved",
            "state": "active" if current else "deleted",
            "extras": _extras(
                {
                    "code": agency.code,
                    "name_en": agency.name_en,
                    "short_name": agency.short_name,
                    "level": agency.level,
                    "homepage": agency.homepage,
                    "email": agency.email,
                    "valid_from": agency.valid_from,
                    "valid_to": agency.valid_to,
                    "uri": f"{self.base_uri}/agency/{quote(agency.code, safe='')}",
                }
            ),
        }

    def group(self, theme_uri: str) -> dict[str, Any]:
        concept = self.concepts.concept(theme_uri)
        title = concept.label("vi") if concept else theme_uri
        return {
            "id": stable_id("group", theme_uri),
            "name": self.group_name_of(theme_uri),
            "title": title,
            "display_name": title,
            "description": (concept.definitions.get("vi") or "") if concept else "",
            "type": "group",
            "is_organization": False,
            "approval_status": "approved",
            "state": "active",
            "image_url": "",
            "image_display_url": "",
            "extras": _extras({"uri": theme_uri, "title_en": concept.label("en") if concept else None}),
        }

    @staticmethod
    def tag(name: str) -> dict[str, Any]:
        return {"id": stable_id("tag", name), "name": name, "display_name": name, "state": "active",
                "vocabulary_id": None}  # fmt: skip

    # Packages ----------------------------------------------------------------------------------

    def package(self, dataset: Dataset) -> dict[str, Any]:
        owner = dataset.current_assignment(C.OWNER)
        custodian = dataset.current_assignment(C.CUSTODIAN)
        steward = dataset.current_assignment(C.STEWARD)
        owner_agency = owner.agency if owner else None
        contact = next(iter(dataset.contact_points), None)
        maintainer_agency = custodian.agency if custodian else owner_agency
        licence = self._dataset_licence(d.licence for d in dataset.distributions)
        tags = list(dict.fromkeys([*dataset.keywords_vi, *dataset.keywords_en]))
        resources = [self.resource(dataset, position, d) for position, d in enumerate(dataset.distributions)]
        return {
            "id": str(dataset.id),
            "name": dataset.slug,
            "title": dataset.title_vi,
            "notes": dataset.description_vi,
            "url": dataset.landing_page or "",
            "version": dataset.version,
            "type": "dataset",
            "state": STATES.get(dataset.status, "active"),
            "private": dataset.sharing_class != C.OPEN,
            "owner_org": str(owner_agency.id) if owner_agency else None,
            "organization": self.organization(owner_agency) if owner_agency else None,
            "author": _name(owner_agency),
            "author_email": _email(owner_agency),
            "maintainer": contact.name if contact else _name(maintainer_agency),
            "maintainer_email": (contact.email if contact else None) or _email(maintainer_agency),
            "license_id": licence.id if licence else None,
            "license_title": licence.title if licence else None,
            "license_url": licence.url if licence else None,
            "isopen": bool(licence and licence.is_open),
            "creator_user_id": None,
            "metadata_created": ckan_time(dataset.created_at),
            "metadata_modified": ckan_time(dataset.updated_at),
            "num_resources": len(resources),
            "num_tags": len(tags),
            "tags": [self.tag(name) for name in tags],
            "groups": [self._group_summary(theme) for theme in dataset.themes],
            "resources": resources,
            "extras": self._package_extras(dataset, custodian, steward),
            "data_dictionary": [self._field(field) for field in dataset.fields],
            "relationships_as_object": [],
            "relationships_as_subject": [],
        }

    def _group_summary(self, theme_uri: str) -> dict[str, Any]:
        group = self.group(theme_uri)
        return {key: group[key] for key in ("id", "name", "title", "display_name", "description",
                                            "image_display_url")}  # fmt: skip

    def _dataset_licence(self, uris: Iterable[str | None]) -> Licence | None:
        """The licence when the distributions agree on one; CKAN has a single licence per package."""
        distinct = {uri for uri in uris if uri}
        return self.licence(distinct.pop()) if len(distinct) == 1 else None

    def _package_extras(self, dataset: Dataset, custodian: Any, steward: Any) -> list[dict[str, str]]:
        values: dict[str, Any] = {
            "uri": f"{self.base_uri}/dataset/{quote(dataset.slug, safe='')}",
            "title_en": dataset.title_en,
            "notes_en": dataset.description_en,
            **{column: getattr(dataset, column) for column in EXTRA_COLUMNS},
            "theme": dataset.themes or None,
            "spatial_uri": dataset.spatial or None,
            "temporal_start": dataset.temporal_start,
            "temporal_end": dataset.temporal_end,
            "data_updated_on": dataset.data_updated_on,
            "legal_basis": dataset.legal_basis or None,
            "completeness": dataset.completeness,
            "custodian": custodian.agency.code if custodian else None,
            "steward": steward.agency.code if steward else None,
        }
        return _extras(values)

    def _field(self, field: Any) -> dict[str, Any]:
        """A dictionary entry in the shape of CKAN's datastore data dictionary (id, type, info)."""
        return {
            "id": field.name,
            "type": self.code(field.data_type),
            "info": {"label": field.label_vi, "notes": field.definition or ""},
            "label_en": field.label_en,
            "position": field.position,
            "required": field.required,
            "unique": field.unique,
            "primary_key": field.primary_key,
            "length": field.length,
            "unit": field.unit,
            "personal_data": field.personal_data,
        }

    def resource(self, dataset: Dataset, position: int, distribution: Any) -> dict[str, Any]:
        kind = self.code(distribution.kind)
        url = distribution.download_url or distribution.access_url or ""
        return {
            "id": str(distribution.id),
            "package_id": str(dataset.id),
            "name": distribution.title_vi,
            "description": distribution.description_vi or "",
            "url": url,
            "format": self.format_name(distribution.format),
            "mimetype": distribution.media_type,
            "size": distribution.byte_size,
            "created": ckan_time(distribution.created_at),
            "last_modified": ckan_time(distribution.updated_at),
            "metadata_modified": ckan_time(distribution.updated_at),
            "position": position,
            "state": "active",
            "resource_type": "api" if kind in API_KINDS else "file",
            "url_type": None,
            "hash": "",
            "access_url": distribution.access_url,
            "download_url": distribution.download_url,
            "endpoint_url": distribution.endpoint_url,
            "license": distribution.licence,
            "rights": distribution.access_rights,
            "access_kind": distribution.kind,
            "name_en": distribution.title_en,
        }


def _name(agency: Agency | None) -> str | None:
    return agency.name_vi if agency else None


def _email(agency: Agency | None) -> str | None:
    return agency.email if agency else None


def _extras(values: Mapping[str, Any]) -> list[dict[str, str]]:
    """CKAN extras: string values (lists and objects as JSON, dates ISO), missing ones left out."""
    extras = []
    for key, value in values.items():
        if value is None or value == "":
            continue
        if isinstance(value, date):
            text = value.isoformat()
        elif isinstance(value, list | dict):
            text = json.dumps(value, ensure_ascii=False, default=str)
        else:
            text = str(value)
        extras.append({"key": key, "value": text})
    return extras


def facet_values(mapper: CkanMapper, entry: CatalogEntry) -> dict[str, list[str]]:
    """The values a package has for the facets CKAN clients ask for."""
    agency = mapper.agencies.get(entry.owner_id) if entry.owner_id else None
    return {
        "organization": [organization_name(agency)] if agency else [],
        "groups": [mapper.group_name_of(theme) for theme in entry.themes],
        "tags": list(entry.keywords),
        "res_format": sorted({mapper.format_name(uri) for uri in entry.formats} - {""}),
        "license_id": [mapper.licence(uri).id for uri in entry.licences],
    }
