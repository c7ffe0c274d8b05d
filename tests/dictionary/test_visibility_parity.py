"""One rule, the same answers: the in-memory visibility, its SQL clauses and the search backends.

One world — agencies in a tree, datasets of every status × sharing class with normal and
restricted fields, grants on the whole dataset and narrowed to fields, principals of every kind —
and the same questions for each principal: which datasets, which fields, and where the text of a
restricted field finds its dataset. The database search backend always answers; OpenSearch too
when ``CATALOG_TEST_OPENSEARCH_URL`` is set.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from app.extension import catalog_of
from dictionary import concepts as C
from dictionary.models import Agency, Dataset, Field
from dictionary.policies import visibility
from dictionary.services import Context
from dictionary.services.accounts import AccountService
from dictionary.visibility import Visibility
from search.database import DatabaseBackend
from search.documents import load_documents
from search.interface import DatasetQuery, FieldQuery, SearchBackend
from tests.factories import FieldData, field_inputs, make_agency, make_dataset, make_grant, make_principal

STATUSES = {"DRAFT": C.DRAFT, "PUBLISHED": C.PUBLISHED, "RETIRED": C.RETIRED}
CLASSES = {"MO": C.OPEN, "DUNG_CHUNG": C.SHARED, "DUNG_RIENG": C.PRIVATE}
FIELDS = (
    FieldData(name="cong_khai", label_vi="Trường công khai"),
    FieldData(name="mat_alpha", label_vi="Bí ẩn alphaquartz", restricted=True),
    FieldData(name="mat_beta", label_vi="Bí ẩn betaquartz", restricted=True),
)


@dataclass
class World:
    ctx: Context
    datasets: dict[str, Dataset]
    principals: dict[str, Visibility]


def build_world(ctx: Context) -> World:
    root = make_agency(ctx, code="P01.H68")
    owner = make_agency(ctx, code="P01.01.H68", parent=root.code)
    make_agency(ctx, code="P01.01.01.H68", parent=owner.code)  # under the owner: does not reach up
    other = make_agency(ctx, code="P02.H68")
    make_agency(ctx, code="P03.H68")
    make_agency(ctx, code="P04.H68")
    ctx.session.commit()
    datasets = {}
    for (status, _), (sharing, _) in itertools.product(STATUSES.items(), CLASSES.items()):
        slug = f"pv-{status.lower()}-{sharing.lower().replace('_', '-')}"
        datasets[slug] = make_dataset(
            ctx,
            owner=owner,
            slug=slug,
            title_vi=f"Kiểm tra đồng nhất {slug}",
            status=status,
            sharing_class=sharing,
            fields=field_inputs(*FIELDS),
        )
    datasets["pv-khac"] = make_dataset(
        ctx,
        owner=other,
        slug="pv-khac",
        status="PUBLISHED",
        sharing_class="DUNG_CHUNG",
        fields=field_inputs(*FIELDS),
    )
    ctx.session.commit()
    accounts = AccountService(ctx)
    people = {
        "owner staff": make_principal(ctx, "viewer", "P01.01.H68"),
        "parent staff": make_principal(ctx, "viewer", "P01.H68"),
        "child staff": make_principal(ctx, "viewer", "P01.01.01.H68"),
        "other staff": make_principal(ctx, "editor", "P02.H68"),
        "whole grant": make_principal(ctx, "viewer", "P03.H68"),
        "narrowed grant": make_principal(ctx, "viewer", "P04.H68"),
        "approver": make_principal(ctx, "approver"),
        "admin": make_principal(ctx, "admin"),
        "integration": make_principal(ctx, "integration"),
    }
    query = select(Agency.code, Agency.id).where(Agency.code.in_(["P03.H68", "P04.H68"]))
    agencies = dict(ctx.session.execute(query).all())
    requester = people["whole grant"].id
    make_grant(ctx, agencies["P03.H68"], datasets["pv-published-dung-chung"], [], requester)
    make_grant(ctx, agencies["P03.H68"], datasets["pv-draft-dung-rieng"], [], requester)
    make_grant(ctx, agencies["P04.H68"], datasets["pv-published-dung-chung"], ["mat_alpha"], requester)
    make_grant(
        ctx, agencies["P04.H68"], datasets["pv-published-mo"], ["mat_beta", "no_such_field"], requester
    )
    make_grant(ctx, agencies["P04.H68"], datasets["pv-khac"], ["cong_khai"], requester)
    principals = {"anonymous": Visibility.anonymous()}
    principals |= {who: visibility(accounts.actor_for(p)) for who, p in people.items()}
    return World(ctx, datasets, principals)


# The three translations ---------------------------------------------------------------------


def in_memory(world: World, seen: Visibility) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    visible = {slug for slug, d in world.datasets.items() if seen.can_see(d)}
    fields = {
        (slug, f.name)
        for slug in visible
        for f in world.datasets[slug].fields
        if seen.sees_field(world.datasets[slug], f)
    }
    whole = {slug for slug in visible if seen.sees_every_field(world.datasets[slug])}
    return visible, fields, whole


def in_sql(world: World, seen: Visibility) -> tuple[set[str], set[tuple[str, str]]]:
    session = world.ctx.session
    visible = set(session.scalars(select(Dataset.slug).where(seen.dataset_clause())))
    fields = session.execute(
        select(Dataset.slug, Field.name).join(Dataset).where(seen.dataset_clause(), seen.field_clause())
    )
    return visible, {(slug, name) for slug, name in fields}


def in_search(
    backend: SearchBackend, world: World, seen: Visibility
) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    slug_of = {str(d.id): slug for slug, d in world.datasets.items()}
    datasets = backend.search(DatasetQuery.build(page_size=100), seen)
    fields = backend.search_fields(FieldQuery.build(page_size=100), seen)
    secret = backend.search(DatasetQuery.build("alphaquartz", page_size=100), seen)
    assert datasets.total == len(datasets.hits) and fields.total == len(fields.hits)
    for hit in secret.hits:
        assert "alphaquartz" not in repr(hit.highlights), "restricted text is matched, never shown"
    return (
        {h.slug for h in datasets.hits},
        {(slug_of[h.dataset_id], h.name) for h in fields.hits},
        {h.slug for h in secret.hits},
    )


# The backends ------------------------------------------------------------------------------


def backends(app) -> Iterator[SearchBackend]:  # type: ignore[no-untyped-def]
    database = DatabaseBackend(catalog_of(app).engine)
    yield database
    url = os.environ.get("CATALOG_TEST_OPENSEARCH_URL")
    if url:
        from search.opensearch import opensearch_backend
        from tests.search.catalog import unique_index

        engine = opensearch_backend(url, unique_index())
        try:
            yield engine
        finally:
            engine.drop()
            engine.close()


def test_memory_sql_and_search_give_the_same_answers(app, ctx) -> None:  # type: ignore[no-untyped-def]
    world = build_world(ctx)
    documents = list(load_documents(ctx.session, [d.id for d in world.datasets.values()]).values())
    expected = {who: in_memory(world, seen) for who, seen in world.principals.items()}

    # The rule itself, on a few answers that must not drift.
    visible, fields, whole = expected["narrowed grant"]
    assert ("pv-published-dung-chung", "mat_alpha") in fields
    assert ("pv-published-dung-chung", "mat_beta") not in fields
    assert ("pv-published-mo", "mat_beta") in fields and ("pv-published-mo", "mat_alpha") not in fields
    assert not {("pv-khac", "mat_alpha"), ("pv-khac", "mat_beta")} & fields
    assert "pv-published-dung-chung" not in whole, "a narrowed grant does not open the restricted text"
    assert "pv-draft-dung-rieng" not in expected["whole grant"][0], "a grant does not reveal a draft"
    assert expected["anonymous"][0] == {"pv-published-mo"}
    assert expected["admin"][0] == set(world.datasets)
    assert expected["child staff"][0] == expected["other staff"][0], "scope reaches down, not up"
    assert ("pv-draft-mo", "mat_alpha") in expected["parent staff"][1]
    assert ("pv-published-dung-chung", "mat_beta") in expected["whole grant"][1]

    for who, seen in world.principals.items():
        assert in_sql(world, seen) == expected[who][:2], who

    for backend in backends(app):
        assert backend.rebuild(documents) == len(documents)
        backend.refresh()
        try:
            for who, seen in world.principals.items():
                visible, fields, whole = expected[who]
                found = in_search(backend, world, seen)
                assert found[0] == visible, (backend.name, who)
                assert found[1] == fields, (backend.name, who)
                assert found[2] == whole, (backend.name, who, "restricted text")
        finally:
            if isinstance(backend, DatabaseBackend):
                backend.clear()
