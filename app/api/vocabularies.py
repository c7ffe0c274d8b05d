"""/api/v1/vocabularies: the controlled vocabularies (read only)."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from app.api.common import Blueprint, errors
from app.api.schemas.common import computed
from app.wiring import concepts
from dictionary.errors import NotFound

blp = Blueprint("vocabularies", __name__, url_prefix="/vocabularies", description="Controlled vocabularies")


class ConceptSchema(Schema):
    uri = fields.String()
    code = fields.String()
    label_vi = computed("string", lambda c: c.labels.get("vi"), allow_none=True)
    label_en = computed("string", lambda c: c.labels.get("en"), allow_none=True)
    definition_vi = computed("string", lambda c: c.definitions.get("vi"), allow_none=True)
    definition_en = computed("string", lambda c: c.definitions.get("en"), allow_none=True)
    broader = fields.List(fields.String())
    exact_matches = fields.List(fields.String())
    deprecated = fields.Boolean()


class SchemeSummarySchema(Schema):
    id = fields.String()
    uri = fields.String()
    title_vi = computed("string", lambda s: s.titles.get("vi"), allow_none=True)
    title_en = computed("string", lambda s: s.titles.get("en"), allow_none=True)
    concept_count = computed("integer", lambda s: len(s.concepts))


class SchemeSchema(SchemeSummarySchema):
    concepts = fields.List(fields.Nested(ConceptSchema))


@blp.route("")
class Vocabularies(MethodView):
    @blp.response(200, SchemeSummarySchema(many=True))
    def get(self):
        """Every scheme: the province's own and the EU vocabularies they map to"""
        return list(concepts().schemes())


@blp.route("/<scheme_id>")
class Vocabulary(MethodView):
    @blp.response(200, SchemeSchema)
    @errors(blp, 404)
    def get(self, scheme_id):
        """One scheme with its concepts"""
        scheme = concepts().scheme(scheme_id)
        if scheme is None:
            raise NotFound("Vocabulary", scheme_id)
        return scheme


@blp.route("/<scheme_id>/<code>")
class VocabularyConcept(MethodView):
    @blp.response(200, ConceptSchema)
    @errors(blp, 404)
    def get(self, scheme_id, code):
        """One concept of a scheme, by its code"""
        uri = concepts().resolve(scheme_id, code)
        concept = concepts().concept(uri) if uri else None
        if concept is None:
            raise NotFound("Concept", f"{scheme_id}/{code}")
        return concept
