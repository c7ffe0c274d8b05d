"""/api/v1/access: requests for data outside one's scope, grants, the decision API; /notifications."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView

from app.api.common import Blueprint, errors
from app.api.schemas.access import (
    AgencyFiguresSchema,
    ApproveSchema,
    CheckQuerySchema,
    CheckSchema,
    CountSchema,
    GrantQuerySchema,
    GrantSchema,
    MarkReadSchema,
    NotificationQuerySchema,
    NotificationSchema,
    OpinionSchema,
    OverdueStepSchema,
    PreferencesSchema,
    ReasonSchema,
    RegisterEntrySchema,
    RegisterQuerySchema,
    RejectSchema,
    RequestCreateSchema,
    RequestQuerySchema,
    RequestSchema,
)
from app.api.schemas.spreadsheets import BINARY, TEXT
from app.wiring import services
from dictionary.models.base import utcnow
from dictionary.services.access import RequestFilters
from dictionary.services.register import RegisterFilters, download
from dictionary.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE

blp = Blueprint(
    "access", __name__, url_prefix="/access", description="Access requests, grants and the decision API"
)
notifications_blp = Blueprint(
    "notifications", __name__, url_prefix="/notifications", description="In-app notifications"
)


@blp.route("/requests")
class Requests(MethodView):
    @blp.arguments(RequestQuerySchema, location="query")
    @blp.response(200, RequestSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=200)
    def get(self, query, pagination_parameters):
        """Requests I am a party to (as requester, owner or approver), newest first"""
        items, total = services().access.list_requests(
            RequestFilters(**query), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items

    @blp.arguments(RequestCreateSchema)
    @blp.response(201, RequestSchema)
    @errors(blp, 403, 404, 409)
    def post(self, data):
        """Ask to use a dataset outside my agency's scope (purpose, fields, period, legal basis)"""
        return services().access.submit(data)


@blp.route("/requests/<int:number>")
class RequestItem(MethodView):
    @blp.response(200, RequestSchema)
    @errors(blp, 404)
    def get(self, number):
        """One request, with the owner's opinion, the decision and the grant"""
        return services().access.get_request(number)


@blp.route("/requests/<int:number>/opinion")
class RequestOpinion(MethodView):
    @blp.arguments(OpinionSchema)
    @blp.response(200, RequestSchema)
    @errors(blp, 403, 404, 409)
    def post(self, data, number):
        """The owner agency's opinion: agree or disagree, with a comment (stewards of the owner)"""
        return services().access.give_opinion(number, data["opinion"], data.get("comment"))


@blp.route("/requests/<int:number>/approve")
class RequestApprove(MethodView):
    @blp.arguments(ApproveSchema)
    @blp.response(201, GrantSchema)
    @errors(blp, 403, 404, 409)
    def post(self, data, number):
        """Approve a reviewed request (provincial approver): creates the grant, which expires by itself"""
        return services().access.approve(
            number, expires_at=data.get("expires_at"), fields=data.get("fields"), reason=data.get("reason")
        )


@blp.route("/requests/<int:number>/reject")
class RequestReject(MethodView):
    @blp.arguments(RejectSchema)
    @blp.response(200, RequestSchema)
    @errors(blp, 403, 404, 409)
    def post(self, data, number):
        """Reject a request in writing: the reason and the regulation it rests on (provincial approver)

        Decree 194/2025 requires a refusal to give its reasons and legal basis: ``legal_basis`` is
        the code of a regulation (kind REGULATION) of the standards register.
        """
        return services().access.reject(number, data["reason"], data["legal_basis"])


@blp.route("/requests/<int:number>/letter.pdf")
class RequestLetter(MethodView):
    @blp.response(200, BINARY, content_type="application/pdf", description="The decision letter as issued")
    @errors(blp, 404)
    def get(self, number):
        """The decision letter of an approved request (số quyền khai thác, parties, dataset, fields,
        period, legal basis), exactly as issued; its SHA-256 is in the audit event ``access.letter``"""
        letter = services().access.letter(number)
        response = Response(letter.pdf, mimetype="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="quyet-dinh-{number}.pdf"'
        return response


@blp.route("/overdue")
class Overdue(MethodView):
    @blp.response(200, OverdueStepSchema(many=True))
    def get(self):
        """Open steps past their due time, oldest first: all of them for the approver and
        administrators, the opinions their agency owes for the owner's stewards"""
        return services().deadlines.overdue()


@blp.route("/requests/<int:number>/withdraw")
class RequestWithdraw(MethodView):
    @blp.response(200, RequestSchema)
    @errors(blp, 403, 404, 409)
    def post(self, number):
        """Withdraw an undecided request (the requesting agency)"""
        return services().access.withdraw(number)


@blp.route("/grants")
class Grants(MethodView):
    @blp.arguments(GrantQuerySchema, location="query")
    @blp.response(200, GrantSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=200)
    def get(self, query, pagination_parameters):
        """Grants I am a party to (holder, owner, approver), filtered by state"""
        items, total = services().grants.list_grants(
            query.get("state"), pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items


@blp.route("/grants/<int:number>")
class GrantItem(MethodView):
    @blp.response(200, GrantSchema)
    @errors(blp, 404)
    def get(self, number):
        """One grant (its number is its request's)"""
        return services().grants.get_grant(number)


@blp.route("/grants/<int:number>/revoke")
class GrantRevoke(MethodView):
    @blp.arguments(ReasonSchema)
    @blp.response(200, GrantSchema)
    @errors(blp, 403, 404, 409)
    def post(self, data, number):
        """Revoke a grant at once, with the reason (approver or administrator)"""
        return services().grants.revoke(number, data["reason"])


@blp.route("/check")
class Check(MethodView):
    @blp.arguments(CheckQuerySchema, location="query")
    @blp.response(200, CheckSchema)
    @errors(blp, 403, 404)
    def get(self, query):
        """May this agency use this dataset now? For the integration platform (LGSP / NDOP)

        Allowed within the agency's scope (its tree, and agencies merged into it), for open data,
        or with a live grant; the answer names the rule or grant that decided. Every answer is
        written to the audit log.
        """
        decision, agency, dataset = services().grants.check(query["agency"], query["dataset"])
        grant = decision.as_dict()["grant"]
        return {
            "allowed": decision.allowed,
            "rule": decision.rule,
            "agency": agency.code,
            "dataset": dataset.slug,
            "grant": grant,
            "checked_at": utcnow(),
        }


def _register(query):
    return services().register.entries(RegisterFilters(**query))


def _register_file(query, extension: str) -> Response:
    content, media = download(_register(query), extension)
    response = Response(content, mimetype=media)
    response.headers["Content-Disposition"] = f'attachment; filename="so-dang-ky-khai-thac.{extension}"'
    return response


@blp.route("/register")
class Register(MethodView):
    @blp.arguments(RegisterQuerySchema, location="query")
    @blp.response(200, RegisterEntrySchema(many=True))
    @errors(blp, 404)
    def get(self, query):
        """The access register for data audit: every request, opinion, decision, grant, letter,
        revocation and decision-API answer, oldest first, each with its audit event (approver, admin)"""
        return _register(query)


@blp.route("/register.csv")
class RegisterCsv(MethodView):
    @blp.arguments(RegisterQuerySchema, location="query")
    @blp.response(200, TEXT, content_type=CSV_MEDIA_TYPE, description="UTF-8 with BOM, one header row")
    @errors(blp, 404)
    def get(self, query):
        """The access register as CSV (same filters)"""
        return _register_file(query, "csv")


@blp.route("/register.xlsx")
class RegisterXlsx(MethodView):
    @blp.arguments(RegisterQuerySchema, location="query")
    @blp.response(200, BINARY, content_type=XLSX_MEDIA_TYPE, description="One sheet, one header row")
    @errors(blp, 404)
    def get(self, query):
        """The access register as an Excel workbook (same filters)"""
        return _register_file(query, "xlsx")


@blp.route("/dashboard")
class Dashboard(MethodView):
    @blp.response(200, AgencyFiguresSchema(many=True))
    def get(self):
        """The coordinator's dashboard, per owning agency, least complete first: datasets, average
        completeness, datasets below target, stale data, overdue access steps (approver, admin)"""
        return services().dashboard.per_agency()


@notifications_blp.route("")
class Notifications(MethodView):
    @notifications_blp.arguments(NotificationQuerySchema, location="query")
    @notifications_blp.response(200, NotificationSchema(many=True))
    @notifications_blp.paginate(page_size=20, max_page_size=200)
    def get(self, query, pagination_parameters):
        """My notifications about access requests and grants, newest first"""
        items, total = services().notifications.list(
            query["unread"], pagination_parameters.page, pagination_parameters.page_size
        )
        pagination_parameters.item_count = total
        return items


@notifications_blp.route("/preferences")
class NotificationPreferences(MethodView):
    @notifications_blp.response(200, PreferencesSchema)
    def get(self):
        """How I am notified: in-app only, or by e-mail too"""
        return {"email": services().notifications.wants_email()}

    @notifications_blp.arguments(PreferencesSchema)
    @notifications_blp.response(200, PreferencesSchema)
    def put(self, data):
        """Choose in-app only (``email: false``) or e-mail too (``email: true``)"""
        return {"email": services().notifications.set_email(data["email"])}


@notifications_blp.route("/read")
class NotificationsRead(MethodView):
    @notifications_blp.arguments(MarkReadSchema)
    @notifications_blp.response(200, CountSchema)
    def post(self, data):
        """Mark some of my notifications read (``ids``), or all of them (``all: true``)"""
        return {"marked": services().notifications.mark_read(None if data.get("all") else data["ids"])}
