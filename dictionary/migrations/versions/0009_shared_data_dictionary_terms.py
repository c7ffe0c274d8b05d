"""the shared data dictionary: terms (data elements) and their dated history

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 12:10:00
"""

import sqlalchemy as sa
from alembic import op

import dictionary.models.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_element",
        sa.Column(
            "code",
            sa.String(length=40),
            nullable=False,
            comment="Term code, stable, e.g. SO_DINH_DANH_CA_NHAN",
        ),
        sa.Column("name_vi", sa.String(length=500), nullable=False, comment="Name in Vietnamese"),
        sa.Column("name_en", sa.String(length=500), nullable=True, comment="Name in English"),
        sa.Column("definition_vi", sa.Text(), nullable=False, comment="Business definition in Vietnamese"),
        sa.Column("definition_en", sa.Text(), nullable=True, comment="Business definition in English"),
        sa.Column(
            "data_type", sa.String(length=300), nullable=True, comment="Data type concept (scheme data-types)"
        ),
        sa.Column("length", sa.Integer(), nullable=True, comment="Length of text values the term prescribes"),
        sa.Column("precision", sa.Integer(), nullable=True, comment="Total digits of decimal values"),
        sa.Column("scale", sa.Integer(), nullable=True, comment="Digits after the decimal point"),
        sa.Column(
            "pattern",
            sa.String(length=500),
            nullable=True,
            comment="Machine-checkable format: a regular expression the whole value matches, e.g. \\d{12}",
        ),
        sa.Column(
            "format_vi", sa.String(length=500), nullable=True, comment="The format in words, e.g. 12 chữ số"
        ),
        sa.Column("unit", sa.String(length=200), nullable=True, comment="Unit of measure, e.g. m2, VND"),
        sa.Column(
            "code_list_scheme",
            sa.String(length=300),
            nullable=True,
            comment="Allowed values as a SKOS concept scheme URI",
        ),
        sa.Column("code_list_standard_id", sa.Uuid(), nullable=True, comment="Allowed values as a Standard"),
        sa.Column(
            "personal_data",
            sa.String(length=300),
            nullable=True,
            comment="Personal-data category of the element (scheme personal-data), Decree 356/2025",
        ),
        sa.Column(
            "rules_vi",
            sa.Text(),
            nullable=True,
            comment="Management rules in words: validation, normalisation",
        ),
        sa.Column("synonyms", sa.JSON(), nullable=False, comment="Other names the element goes by"),
        sa.Column("abbreviations", sa.JSON(), nullable=False, comment="Abbreviations, e.g. CCCD, MST"),
        sa.Column("examples", sa.JSON(), nullable=False, comment="Example values"),
        sa.Column(
            "standard_id",
            sa.Uuid(),
            nullable=False,
            comment="The dictionary that issues the term (the national dictionary, or the province's)",
        ),
        sa.Column(
            "source_vi",
            sa.Text(),
            nullable=True,
            comment="Where the definition comes from (decision, article), or that the text was not at hand",
        ),
        sa.Column("provincial", sa.Boolean(), nullable=False, comment="A provincial addition, not national"),
        sa.Column("maintainer_id", sa.Uuid(), nullable=True, comment="The agency that maintains the term"),
        sa.Column(
            "status",
            sa.String(length=300),
            nullable=False,
            comment="Draft / in force / superseded (scheme term-statuses)",
        ),
        sa.Column("superseded_by_id", sa.Uuid(), nullable=True, comment="The term that replaces it"),
        sa.Column("version", sa.String(length=40), nullable=False, comment="Version of the term, e.g. 1.0"),
        sa.Column("valid_from", sa.Date(), nullable=True, comment="Date the version applies from"),
        sa.Column("id", sa.Uuid(), nullable=False, comment="Stable identifier"),
        sa.Column(
            "created_at",
            dictionary.models.base.UTCDateTime(timezone=True),
            nullable=False,
            comment="When the record was created (UTC)",
        ),
        sa.Column(
            "updated_at",
            dictionary.models.base.UTCDateTime(timezone=True),
            nullable=False,
            comment="When the record last changed (UTC)",
        ),
        sa.Column(
            "lock_version",
            sa.Integer(),
            nullable=False,
            comment="Incremented on every change; the ETag of the resource",
        ),
        sa.ForeignKeyConstraint(
            ["code_list_standard_id"],
            ["standard.id"],
            name=op.f("fk_data_element_code_list_standard_id_standard"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["maintainer_id"],
            ["agency.id"],
            name=op.f("fk_data_element_maintainer_id_agency"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standard.id"],
            name=op.f("fk_data_element_standard_id_standard"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"],
            ["data_element.id"],
            name=op.f("fk_data_element_superseded_by_id_data_element"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_element")),
        sa.UniqueConstraint("code", name=op.f("uq_data_element_code")),
        comment="Shared data dictionary: data elements (terms) fields conform to",
    )
    with op.batch_alter_table("data_element", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_data_element_code_list_standard_id"), ["code_list_standard_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_data_element_maintainer_id"), ["maintainer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_data_element_standard_id"), ["standard_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_data_element_superseded_by_id"), ["superseded_by_id"], unique=False
        )

    op.create_table(
        "data_element_version",
        sa.Column("data_element_id", sa.Uuid(), nullable=False, comment="The term"),
        sa.Column("lock_version", sa.Integer(), nullable=False, comment="The term's ETag after the change"),
        sa.Column(
            "version",
            sa.String(length=40),
            nullable=False,
            comment="The term's version label after the change",
        ),
        sa.Column(
            "changed_at",
            dictionary.models.base.UTCDateTime(timezone=True),
            nullable=False,
            comment="When the change was made (UTC)",
        ),
        sa.Column("actor", sa.String(length=200), nullable=False, comment="Who made the change"),
        sa.Column("note", sa.Text(), nullable=True, comment="What changed and why"),
        sa.Column(
            "snapshot", sa.JSON(), nullable=False, comment="Every property of the term after the change"
        ),
        sa.Column("id", sa.Uuid(), nullable=False, comment="Stable identifier"),
        sa.Column(
            "created_at",
            dictionary.models.base.UTCDateTime(timezone=True),
            nullable=False,
            comment="When the record was created (UTC)",
        ),
        sa.Column(
            "updated_at",
            dictionary.models.base.UTCDateTime(timezone=True),
            nullable=False,
            comment="When the record last changed (UTC)",
        ),
        sa.ForeignKeyConstraint(
            ["data_element_id"],
            ["data_element.id"],
            name=op.f("fk_data_element_version_data_element_id_data_element"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_element_version")),
        sa.UniqueConstraint("data_element_id", "lock_version", name="data_element_lock_version"),
        comment="Dated history of the terms of the shared data dictionary",
    )
    with op.batch_alter_table("data_element_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_data_element_version_data_element_id"), ["data_element_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("data_element_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_element_version_data_element_id"))

    op.drop_table("data_element_version")
    with op.batch_alter_table("data_element", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_element_superseded_by_id"))
        batch_op.drop_index(batch_op.f("ix_data_element_standard_id"))
        batch_op.drop_index(batch_op.f("ix_data_element_maintainer_id"))
        batch_op.drop_index(batch_op.f("ix_data_element_code_list_standard_id"))

    op.drop_table("data_element")
