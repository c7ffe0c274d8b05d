"""The one table of who may call which endpoint: endpoint name → rule (per HTTP method if needed).

The guard in :mod:`app.auth` runs before every view and **denies any endpoint missing from
RULES** (401 anonymous, 403 signed in), so a route someone adds later stays closed until it is
given a rule here; ``tests/app/test_authz_matrix.py`` fails for it too. A rule has two parts:

- a role check on the actor alone (who may call the endpoint at all); failing it is a 401/403
  that is logged but not written to the audit chain: it concerns no object;
- an optional object check on the URL's object (is the dataset visible, in the actor's scope?)
  using the pure functions of :mod:`dictionary.policies`; failing it is a 404 when the object is
  invisible, else a 403 that the audit log records.

What depends on the request body (the owner agency of a new dataset, a change of status or
sharing class) is checked by the service that does the write, with the same functions of
:mod:`dictionary.policies`, so the web pages, the CLI and the API cannot differ; the one rule
that peeks at a body (the owner of a new dataset) only answers 403 earlier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import request
from sqlalchemy import select

from app.db import get_session
from dictionary.errors import Message, NotFound, PermissionDenied
from dictionary.models import Agency, Dataset
from dictionary.policies import (
    Actor,
    can_coordinate,
    can_create_in,
    can_edit,
    can_follow_campaigns,
    can_publish,
    visibility,
)
from dictionary.services.lookup import load_dataset


class RoleRequired(PermissionDenied):
    """The actor's roles do not reach the endpoint at all (not about any object)."""


@dataclass(frozen=True)
class Rule:
    name: str
    sign_in: bool = True
    """False: anonymous callers pass (visibility still applies inside)."""
    role: Callable[[Actor], bool] = lambda _actor: True
    check: Callable[[Actor], None] | None = None
    """Object-level check; raises NotFound or PermissionDenied."""
    reads_only: bool = False
    """The endpoint changes nothing whatever the method (CKAN's actions take POST to read):
    no write scope, no CSRF token needed."""

    def enforce(self, actor: Actor) -> None:
        from dictionary.services.signin import NotAuthenticated  # the guard maps it to 401

        if self.sign_in and not actor.signed_in:
            raise NotAuthenticated("Sign in (web) or send Authorization: Bearer <token> (API)")
        if not self.role(actor):
            raise RoleRequired(f"Your role does not allow this ({self.name})")
        if self.check is not None:
            self.check(actor)


# Object checks ------------------------------------------------------------------------------


def _visible_dataset(actor: Actor) -> Dataset:
    slug = (request.view_args or {}).get("slug", "")
    dataset = load_dataset(get_session(), str(slug))
    if not visibility(actor).can_see(dataset):
        raise NotFound("Dataset", slug)  # an invisible dataset does not exist for this actor
    return dataset


def read_dataset(actor: Actor) -> None:
    _visible_dataset(actor)


def read_restricted(actor: Actor) -> None:
    dataset = _visible_dataset(actor)
    if not visibility(actor).sees_access_details(dataset):
        # Grant holders pass; what they read is still redacted to their fields (services.scoped).
        raise PermissionDenied(
            Message("full_history", "Only the owning scope and grant holders see this dataset's full history")
        )


def edit_dataset(actor: Actor) -> None:
    # Who may publish (a change of status or sharing class) is the dataset service's own check.
    dataset = _visible_dataset(actor)
    if not can_edit(actor, dataset):
        raise PermissionDenied(
            Message("edit_scope", "Only editors of the owner agency's scope change this dataset")
        )


def publish_dataset(actor: Actor) -> None:
    dataset = _visible_dataset(actor)
    if not can_publish(actor, dataset):
        raise PermissionDenied(Message("steward_scope", "Only stewards of the owner agency's scope do this"))


def create_dataset(actor: Actor) -> None:
    """An early 403 for a dataset of another scope, before its body is even validated (the
    service checks the same rule, and whether a non-draft status may be set, when it writes)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # absurdly deep JSON: the view's parser answers it with a 4xx
        return
    code = body.get("owner") if isinstance(body, dict) else None
    agency = (
        get_session().scalar(select(Agency).where(Agency.code == code)) if isinstance(code, str) else None
    )
    if agency is not None and not can_create_in(actor, agency.id):
        raise PermissionDenied(f"You describe datasets of your own agency's scope only, not of {code}")


# Rules --------------------------------------------------------------------------------------


def _admin(actor: Actor) -> bool:
    return actor.is_admin


def _editor(actor: Actor) -> bool:
    return actor.is_admin or actor.has_role("editor")


def _steward(actor: Actor) -> bool:
    return actor.is_admin or actor.has_role("steward")


PUBLIC = Rule("public", sign_in=False)
CKAN_READ = Rule("ckan_read", sign_in=False, reads_only=True)
"""The CKAN Action API: anyone may call it, visibility applies inside, and its POST only reads."""
SIGNED_IN = Rule("signed_in")
STAFF = Rule("staff", role=lambda a: a.is_staff)
DATASET_READ = Rule("dataset_read", sign_in=False, check=read_dataset)
# Anyone who sees a dataset sees its history (an open dataset's too, anonymously); the snapshots
# and messages are redacted to what the reader may see (dictionary.services.scoped).
DATASET_HISTORY = Rule("dataset_history", sign_in=False, check=read_dataset)
DATASET_RESTRICTED = Rule("dataset_restricted", check=read_restricted)
DATASET_CREATE = Rule("dataset_create", role=_editor, check=create_dataset)
DATASET_EDIT = Rule("dataset_edit", role=_editor, check=edit_dataset)
DATASET_PUBLISH = Rule("dataset_publish", role=_steward, check=publish_dataset)
OWNER_OPINION = Rule("owner_opinion", role=lambda a: a.has_role("steward"))
AGENCY_ADMIN = Rule("agency_admin", role=lambda a: a.is_admin or a.has_role("agency_admin"))
APPROVER = Rule("approver", role=lambda a: a.is_approver)
APPROVER_OR_ADMIN = Rule("approver_or_admin", role=lambda a: a.is_approver or a.is_admin)
ACCESS_CHECK = Rule(
    "access_check", role=lambda a: a.is_admin or a.is_approver or a.is_integration or a.is_staff
)
ADMIN = Rule("admin", role=_admin)
CAMPAIGNS = Rule("campaigns", role=can_follow_campaigns)
"""Documentation campaigns: every agency's staff and the coordinators read them (task lists name
only the datasets the reader may see)."""
COORDINATOR = Rule("coordinator", role=can_coordinate)

RULES: dict[str, Rule | dict[str, Rule]] = {
    # Framework and documentation.
    "static": PUBLIC,
    "api-docs.openapi_json": PUBLIC,
    "web.api_docs": PUBLIC,
    "web.api_docs_asset": PUBLIC,
    # Agencies: the register is public; the province's administrators maintain it and its lineage.
    "agencies.Agencies": {"GET": PUBLIC, "POST": ADMIN},
    "agencies.AgencyItem": {"GET": PUBLIC, "PATCH": ADMIN, "DELETE": ADMIN},
    "agencies.AgencyChildren": PUBLIC,
    "agencies.AgencyRename": ADMIN,
    "agencies.AgencyMerge": ADMIN,
    "agencies.AgencySplit": ADMIN,
    # Datasets: reading filtered by visibility; writing by the owner agency's scope.
    "datasets.Datasets": {"GET": PUBLIC, "POST": DATASET_CREATE},
    "datasets.DatasetItem": {"GET": DATASET_READ, "PATCH": DATASET_EDIT, "DELETE": DATASET_EDIT},
    "datasets.DatasetOwnerships": ADMIN,
    "datasets.DatasetRevisions": DATASET_HISTORY,
    "datasets.DatasetRevision": DATASET_RESTRICTED,
    "datasets.DatasetDiff": DATASET_RESTRICTED,
    "datasets.DatasetRestore": DATASET_PUBLISH,
    "dictionary.Fields": {"GET": DATASET_READ, "POST": DATASET_EDIT, "PUT": DATASET_EDIT},
    "dictionary.FieldItem": {"GET": DATASET_READ, "PATCH": DATASET_EDIT, "DELETE": DATASET_EDIT},
    "dictionary.Mappings": {"GET": DATASET_READ, "POST": DATASET_EDIT},
    "dictionary.MappingItem": DATASET_EDIT,
    "dictionary.Distributions": {"GET": DATASET_READ, "POST": DATASET_EDIT},
    "dictionary.DistributionItem": {"GET": DATASET_READ, "PATCH": DATASET_EDIT, "DELETE": DATASET_EDIT},
    "dcat.DcatValidation": DATASET_READ,
    "dcat.Harvest": ADMIN,  # writes datasets and fetches a URL given in the request
    "harvest_sources.HarvestSources": ADMIN,  # sources name URLs the catalog fetches
    "harvest_sources.HarvestSourceItem": ADMIN,
    "harvest_sources.HarvestJobs": ADMIN,
    "harvest_sources.HarvestJobItem": ADMIN,
    # Whoever sees the dataset gets its dictionary; restricted fields only if they may see them.
    "spreadsheets.DictionaryWorkbook": DATASET_READ,
    "spreadsheets.DictionaryCsv": DATASET_READ,
    "spreadsheets.TemplateWorkbook": PUBLIC,
    "spreadsheets.TemplateCsv": PUBLIC,
    "spreadsheets.DictionaryImport": DATASET_EDIT,
    # Standards and vocabularies: public reference data.
    "standards.Standards": {"GET": PUBLIC, "POST": ADMIN},
    "standards.StandardItem": {"GET": PUBLIC, "PATCH": ADMIN, "DELETE": ADMIN},
    # The shared data dictionary: public reference data, maintained by administrators (the service
    # checks it too); conformance reports name only fields the caller may see (services.conformance).
    "terms.Terms": {"GET": PUBLIC, "POST": ADMIN},
    "terms.TermItem": {"GET": PUBLIC, "PATCH": ADMIN, "DELETE": ADMIN},
    "terms.TermHistory": PUBLIC,
    "terms.TermFields": PUBLIC,
    "conformance.TermSuggestions": PUBLIC,
    # Terms as spreadsheets: the register is public (drafts included), importing is for its maintainers.
    "term_files.TermTemplateWorkbook": PUBLIC,
    "term_files.TermTemplateCsv": PUBLIC,
    "term_files.DictionaryTermsWorkbook": PUBLIC,
    "term_files.DictionaryTermsCsv": PUBLIC,
    "term_files.DictionaryTermsImport": ADMIN,
    "conformance.DatasetConformance": DATASET_READ,
    "conformance.AgencyConformance": PUBLIC,
    "vocabularies.Vocabularies": PUBLIC,
    "vocabularies.Vocabulary": PUBLIC,
    "vocabularies.VocabularyConcept": PUBLIC,
    # Search: visibility is applied inside every query (app.api.search).
    "search.Search": PUBLIC,
    "search.SearchFields": PUBLIC,
    "search.Suggest": PUBLIC,
    "search.SearchTerms": PUBLIC,  # terms are public metadata, drafts included (as GET /terms)
    # Linked data (DCAT, CSVW, SKOS): public URIs; app.rdf applies the caller's visibility inside.
    "rdf.catalog": PUBLIC,
    "ckan.action": CKAN_READ,
    "ckan.action_unversioned": CKAN_READ,
    "ckan.action_v2": CKAN_READ,
    "ckan.api_version": PUBLIC,
    "ckan.util_status": PUBLIC,
    "rdf.dataset": PUBLIC,
    "rdf.dataset_csvw": PUBLIC,
    "rdf.dataset_table_schema": PUBLIC,
    "rdf.agency": PUBLIC,
    "rdf.standard": PUBLIC,
    "rdf.term": PUBLIC,
    "rdf.vocabulary": PUBLIC,
    "rdf.vocabulary_concept": PUBLIC,
    # Web pages (app/web): reading only; the pages apply the viewer's visibility themselves. The
    # pages at the URIs above are rendered by those rdf.* routes for browsers.
    "web.home": PUBLIC,
    "web.search_page": PUBLIC,
    "web.dataset_history": DATASET_HISTORY,
    "web.agencies": PUBLIC,
    "web.standards": PUBLIC,
    "web.standard_alias": PUBLIC,
    "web.terms": PUBLIC,
    "web.term_import": ADMIN,  # the service checks it too
    "web.vocabularies": PUBLIC,
    # Web editing and workflow pages (GET draws the form, POST submits it; the views re-check the
    # object through dictionary.policies and the services, as the API does).
    "web.workspace": SIGNED_IN,
    "web.notification_preferences": SIGNED_IN,  # the user's own choice (as notifications.*)
    "web.notifications_read": SIGNED_IN,  # the user's own notifications (as notifications.*)
    "web.dataset_new": DATASET_CREATE,
    "web.dataset_edit": DATASET_EDIT,
    "web.dataset_fields": DATASET_EDIT,
    "web.field_edit": DATASET_EDIT,
    "web.accept_term": DATASET_EDIT,
    "web.dictionary_table": DATASET_EDIT,
    "web.dataset_mappings": DATASET_EDIT,
    "web.dataset_distributions": DATASET_EDIT,
    "web.dictionary_import": DATASET_EDIT,
    "web.access_request_new": STAFF,
    "web.access_requests": SIGNED_IN,
    "web.access_inbox": SIGNED_IN,
    "web.access_request": SIGNED_IN,
    "web.access_grants": SIGNED_IN,
    "web.access_letter": SIGNED_IN,  # the service shows it to the request's parties only
    "web.access_overdue": SIGNED_IN,
    "web.access_grant": {"GET": SIGNED_IN, "POST": APPROVER_OR_ADMIN},
    "web.audit_log": ADMIN,
    "web.harvest_sources": ADMIN,
    "web.harvest_source": ADMIN,
    "web.harvest_run": ADMIN,  # fetches the source's URL and writes datasets
    "web.harvest_edit": ADMIN,
    "web.harvest_delete": ADMIN,
    "web.harvest_job": ADMIN,
    # Accounts and tokens (services check which users an agency admin reaches).
    "auth.login": PUBLIC,
    "auth.login_submit": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.password_reset": PUBLIC,  # the link's token is the credential (checked by the service)
    "auth.password_reset_submit": PUBLIC,
    "web.password_reset_issue": ADMIN,
    "accounts.Me": SIGNED_IN,
    "accounts.Tokens": SIGNED_IN,
    "accounts.TokenItem": SIGNED_IN,
    "accounts.Users": AGENCY_ADMIN,
    "accounts.UserItem": AGENCY_ADMIN,
    "accounts.UserPasswordReset": ADMIN,
    # The access workflow (services check that the actor is a party to the request or grant).
    "access.Requests": {"GET": SIGNED_IN, "POST": STAFF},
    "access.RequestItem": SIGNED_IN,
    "access.RequestOpinion": OWNER_OPINION,
    "access.RequestApprove": APPROVER,
    "access.RequestReject": APPROVER,
    "access.RequestLetter": SIGNED_IN,  # the service shows it to the request's parties only
    "access.Overdue": SIGNED_IN,  # all for the approver and administrators, owed opinions for stewards
    "access.Register": APPROVER_OR_ADMIN,  # the data audit's register (the service checks too)
    "access.RegisterCsv": APPROVER_OR_ADMIN,
    "access.RegisterXlsx": APPROVER_OR_ADMIN,
    "access.Dashboard": APPROVER_OR_ADMIN,  # the coordinator's view (the service checks too)
    "web.governance_dashboard": APPROVER_OR_ADMIN,
    "access.RequestWithdraw": STAFF,
    "access.Grants": SIGNED_IN,
    "access.GrantItem": SIGNED_IN,
    "access.GrantRevoke": APPROVER_OR_ADMIN,
    "access.Check": ACCESS_CHECK,
    "notifications.Notifications": SIGNED_IN,
    "notifications.NotificationsRead": SIGNED_IN,
    "notifications.NotificationPreferences": SIGNED_IN,
    # The public summary: aggregates of what anonymous callers see, the same for everyone.
    "statistics.Statistics": PUBLIC,
    "web.statistics": PUBLIC,
    # Documentation campaigns (the service checks the coordinator too).
    "campaigns.Campaigns": {"GET": CAMPAIGNS, "POST": COORDINATOR},
    "campaigns.CampaignTasks": CAMPAIGNS,
    "campaigns.CampaignItem": CAMPAIGNS,
    "campaigns.CampaignClose": COORDINATOR,
    "campaigns.CampaignReportCsv": CAMPAIGNS,
    "campaigns.CampaignReportXlsx": CAMPAIGNS,
    "web.campaigns": CAMPAIGNS,
    "web.campaign_new": COORDINATOR,
    "web.campaign": CAMPAIGNS,
    "web.campaign_close": COORDINATOR,
    "web.campaign_tasks": CAMPAIGNS,
    # The audit log.
    "audit.AuditEvents": ADMIN,
    "audit.AuditExport": ADMIN,
    "audit.AuditVerify": ADMIN,
}


def rule_for(endpoint: str | None, method: str) -> Rule | None:
    """The rule of an endpoint and method; None means no rule, which the guard refuses."""
    entry = RULES.get(endpoint or "")
    if isinstance(entry, dict):
        return entry.get("GET" if method == "HEAD" else method)
    return entry
