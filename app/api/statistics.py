"""/api/v1/statistics: the public summary of the catalog (aggregates of what the public may see)."""

from __future__ import annotations

from flask.views import MethodView

from app.api.common import Blueprint
from app.api.schemas.statistics import PublicSummarySchema
from app.wiring import services

blp = Blueprint(
    "statistics", __name__, url_prefix="/statistics", description="The public summary of the catalog"
)


@blp.route("")
class Statistics(MethodView):
    @blp.response(200, PublicSummarySchema)
    def get(self):
        """Published open datasets by agency, sharing class, architecture component and theme,
        their completeness and freshness, and access requests by state with the time decisions took
        against their deadline (aggregates only; the same for every caller)"""
        return services().statistics.summary()
