"""DCAT-AP over the REST API: ``/api/v1/datasets/<slug>/dcat-validation`` checks a dataset's output
against the official shapes; ``POST /api/v1/harvest`` (administrators) imports a DCAT-AP catalog."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from app.api.common import Blueprint, errors
from app.api.schemas.common import integer
from app.rdf import dcat_context, is_own_address, publisher, validator
from app.wiring import services
from dictionary.errors import InvalidInput
from dictionary.visibility import Visibility
from vocab.dcat_import import Defaults
from vocab.harvest import Harvester
from vocab.shacl import PROFILES

blp = Blueprint("dcat", __name__, url_prefix="", description="DCAT-AP: validation and harvesting")


class DcatValidationQuerySchema(Schema):
    recommended = fields.Boolean(
        load_default=True, metadata={"description": "Also report DCAT-AP's recommended properties (warnings)"}
    )


class DcatFindingSchema(Schema):
    profile = fields.String(metadata={"description": "Shape file run, e.g. shapes-3.0.0, range-3.0.0"})
    severity = fields.String(metadata={"description": "Violation, Warning or Info"})
    focus = fields.String(metadata={"description": "URI of the resource the result is about"})
    path = fields.String(allow_none=True, metadata={"description": "Property, e.g. dct:title"})
    value = fields.String(allow_none=True)
    message = fields.String(metadata={"description": "What is wrong, in plain words"})


class DcatProfileCountSchema(Schema):
    violations = fields.Integer()
    warnings = fields.Integer()


class DcatValidationSchema(Schema):
    dataset = fields.String()
    conforms = fields.Boolean(metadata={"description": "No violation of the DCAT-AP 3.0.0 / 2.1.1 gate"})
    violations = fields.Integer()
    warnings = fields.Integer()
    profiles = fields.Dict(keys=fields.String(), values=fields.Nested(DcatProfileCountSchema))
    results = fields.List(fields.Nested(DcatFindingSchema))


@blp.route("/datasets/<slug>/dcat-validation")
class DcatValidation(MethodView):
    @blp.arguments(DcatValidationQuerySchema, location="query")
    @blp.response(200, DcatValidationSchema)
    @errors(blp, 404)
    def get(self, query: dict[str, Any], slug: str) -> dict[str, Any]:
        """Validate a dataset's DCAT-AP

        Runs the official DCAT-AP 3.0.0 SHACL shapes (shapes, class ranges, controlled
        vocabularies), the 2.1.1 shapes (which check dates) and, unless ``recommended=false``,
        the recommended-property shapes, on the dataset's RDF as this client would receive it.
        Violations make ``conforms`` false; warnings (e.g. a publisher outside the EU
        corporate-body list, which every Vietnamese agency is) never do.
        """
        profiles = PROFILES if query["recommended"] else tuple(p for p in PROFILES if p.gate)
        report = publisher().validate_dataset(slug, validator(), profiles)
        return {
            "dataset": slug,
            "conforms": report.conforms,
            "violations": len(report.violations),
            "warnings": len(report.warnings),
            "profiles": report.counts(),
            "results": [finding.as_dict() for finding in report.findings],
        }


class HarvestRequestSchema(Schema):
    url = fields.Url(
        required=True, schemes={"http", "https"}, metadata={"description": "First page of the catalog"}
    )
    dry_run = fields.Boolean(load_default=False, metadata={"description": "Check and report; write nothing"})
    owner = fields.String(
        load_default=None,
        validate=validate.Length(max=40),
        metadata={"description": "Agency code for datasets whose publisher names no agency"},
    )
    withdraw_missing = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Retire (never delete) datasets harvested from this URL before that it no "
            "longer lists; without it they are only reported"
        },
    )
    max_pages = integer(load_default=100, maximum=1000)
    timeout = fields.Float(
        load_default=120.0,
        validate=validate.Range(min=1, max=600),
        metadata={"description": "Seconds for the whole run"},
    )


class HarvestItemSchema(Schema):
    uri = fields.String()
    identifier = fields.String(allow_none=True)
    slug = fields.String(allow_none=True)
    action = fields.String(
        metadata={
            "description": "created, updated, unchanged, skipped, failed, removed at the source, withdrawn "
            "(would be … in a dry run)"
        }
    )
    message = fields.String()


class HarvestReportSchema(Schema):
    source = fields.String()
    dry_run = fields.Boolean()
    pages = fields.List(fields.String())
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    stopped = fields.String(
        allow_none=True, metadata={"description": "Why paging stopped early (loop, limit)"}
    )
    errors = fields.List(fields.String())
    items = fields.List(fields.Nested(HarvestItemSchema))


@blp.route("/harvest")
class Harvest(MethodView):
    @blp.arguments(HarvestRequestSchema)
    @blp.response(200, HarvestReportSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Harvest a DCAT-AP catalog

        Reads the catalog at ``url`` in Turtle, RDF/XML, JSON-LD or N-Triples, follows its Hydra
        pages (no loops, at most ``max_pages``, within ``timeout`` seconds, on the same host) and
        creates or updates one dataset per ``dct:identifier``. Each dataset succeeds or fails on
        its own; ``dry_run`` reports what would happen without writing. Administrators only.
        """
        if is_own_address(data["url"]):
            raise InvalidInput.one(
                "url",
                "this is the catalog's own address; harvesting it would overwrite its "
                "datasets with their public, redacted description",
            )
        harvester = Harvester(
            services().ctx,
            dcat_context(Visibility.all()).terms,
            defaults=Defaults(owner=data["owner"]),
            max_pages=data["max_pages"],
            timeout=data["timeout"],
            request_timeout=min(60.0, data["timeout"]),
            withdraw_missing=data["withdraw_missing"],
        )
        report = harvester.run(data["url"], dry_run=data["dry_run"])
        return {
            "source": report.source,
            "dry_run": report.dry_run,
            "pages": report.pages,
            "counts": report.counts(),
            "stopped": report.stopped,
            "errors": report.errors,
            "items": [vars(item) for item in report.items],
        }
