"""/api/v1/campaigns: documentation campaigns (read for staff, open and close for the coordinator)."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView

from app.api.common import Blueprint, errors
from app.api.schemas.campaigns import CampaignCreateSchema, CampaignSchema, ProgressSchema, TaskSchema
from app.api.schemas.spreadsheets import BINARY, TEXT
from app.wiring import services
from dictionary.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE

blp = Blueprint(
    "campaigns",
    __name__,
    url_prefix="/campaigns",
    description="Documentation campaigns: targets, live progress, tasks, closing reports",
)


@blp.route("")
class Campaigns(MethodView):
    @blp.response(200, CampaignSchema(many=True))
    def get(self):
        """Every campaign, open ones first (agency staff, the coordinator)"""
        return services().campaigns.list()

    @blp.arguments(CampaignCreateSchema)
    @blp.response(201, CampaignSchema)
    @errors(blp, 403)
    def post(self, data):
        """Open a campaign: a target (completeness and/or personal-data assessment), the agencies,
        a deadline and the reminder (the coordinator: the approver, administrators)"""
        return services().campaigns.open(data)


@blp.route("/tasks")
class CampaignTasks(MethodView):
    @blp.response(200, TaskSchema(many=True))
    def get(self):
        """My tasks: datasets I may edit that miss the target of an open campaign"""
        return services().campaigns.tasks()


@blp.route("/<int:number>")
class CampaignItem(MethodView):
    @blp.response(200, ProgressSchema)
    @errors(blp, 404)
    def get(self, number):
        """A campaign with its progress per agency and overall (live while open, the frozen report
        once closed) and the datasets still missing the target"""
        return services().campaigns.progress(number)


@blp.route("/<int:number>/close")
class CampaignClose(MethodView):
    @blp.response(200, CampaignSchema)
    @errors(blp, 403, 404, 409)
    def post(self, number):
        """Close a campaign now and freeze its report (the coordinator); closed already: 409"""
        return services().campaigns.close(number)


def _report(number: int, extension: str) -> Response:
    content, media = services().campaigns.report_file(number, extension)
    response = Response(content, mimetype=media)
    name = f"bao-cao-chien-dich-{number}.{extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@blp.route("/<int:number>/report.csv")
class CampaignReportCsv(MethodView):
    @blp.response(200, TEXT, content_type=CSV_MEDIA_TYPE, description="UTF-8 with BOM, one header row")
    @errors(blp, 404)
    def get(self, number):
        """The report per agency (datasets, met, missed) as CSV: frozen at closing, live before"""
        return _report(number, "csv")


@blp.route("/<int:number>/report.xlsx")
class CampaignReportXlsx(MethodView):
    @blp.response(200, BINARY, content_type=XLSX_MEDIA_TYPE, description="One sheet, one header row")
    @errors(blp, 404)
    def get(self, number):
        """The report per agency as an Excel workbook"""
        return _report(number, "xlsx")
