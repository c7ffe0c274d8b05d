"""harvest sources and jobs

Stored harvest sources (a DCAT-AP document or a CKAN Action API, with an owner agency, a
schedule, a time limit and a page limit) and the jobs that ran them, each with its report.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 15:20:00
"""

from alembic import op
import sqlalchemy as sa
import dictionary.models.base


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('harvest_source',
    sa.Column('name', sa.String(length=200), nullable=False, comment='Name shown to administrators'),
    sa.Column('url', sa.String(length=500), nullable=False, comment='First DCAT-AP page, or the CKAN site (its /api/3 is asked); given by an administrator'),
    sa.Column('kind', sa.String(length=40), nullable=False, comment='dcat or ckan'),
    sa.Column('owner_id', sa.Uuid(), nullable=False, comment='Agency that owns the datasets whose record names no publisher'),
    sa.Column('schedule', sa.String(length=40), nullable=False, comment='manual, daily, weekly or monthly'),
    sa.Column('time_limit', sa.Integer(), nullable=False, comment='Seconds a run may take, fetching included'),
    sa.Column('page_limit', sa.Integer(), nullable=False, comment='Pages a run reads at most'),
    sa.Column('created_by', sa.String(length=200), nullable=False, comment='Who registered the source'),
    sa.Column('id', sa.Uuid(), nullable=False, comment='Stable identifier'),
    sa.Column('created_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the record was created (UTC)'),
    sa.Column('updated_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the record last changed (UTC)'),
    sa.Column('lock_version', sa.Integer(), nullable=False, comment='Incremented on every change; the ETag of the resource'),
    sa.ForeignKeyConstraint(['owner_id'], ['agency.id'], name=op.f('fk_harvest_source_owner_id_agency'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_harvest_source')),
    sa.UniqueConstraint('name', name=op.f('uq_harvest_source_name')),
    comment='Catalogs harvested into this one, with their schedule and limits'
    )
    with op.batch_alter_table('harvest_source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_harvest_source_owner_id'), ['owner_id'], unique=False)

    op.create_table('harvest_job',
    sa.Column('source_id', sa.Uuid(), nullable=False, comment='The source run'),
    sa.Column('status', sa.String(length=40), nullable=False, comment='running, succeeded or failed'),
    sa.Column('trigger', sa.String(length=40), nullable=False, comment='manual (a person), schedule (run-due) or cli'),
    sa.Column('started_by', sa.String(length=200), nullable=False, comment='Who or what started the run'),
    sa.Column('started_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the run started (UTC)'),
    sa.Column('deadline_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='Start plus the source\'s time limit: a job still running after it is marked failed'),
    sa.Column('finished_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='When the run ended (UTC)'),
    sa.Column('reason', sa.Text(), nullable=True, comment='Why the run failed, in plain words'),
    sa.Column('counts', sa.JSON(), nullable=False, comment='Items per outcome: created, updated, unchanged, removed at the source, failed…'),
    sa.Column('items', sa.JSON(), nullable=False, comment="The report: each record's outcome with its reason (uri, identifier, slug, action, message)"),
    sa.Column('pages', sa.JSON(), nullable=False, comment='The pages read'),
    sa.Column('stopped', sa.Text(), nullable=True, comment='Why paging ended early (page limit, loop…)'),
    sa.Column('id', sa.Uuid(), nullable=False, comment='Stable identifier'),
    sa.Column('created_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the record was created (UTC)'),
    sa.Column('updated_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the record last changed (UTC)'),
    sa.ForeignKeyConstraint(['source_id'], ['harvest_source.id'], name=op.f('fk_harvest_job_source_id_harvest_source'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_harvest_job')),
    comment='Runs of harvest sources, each with its report'
    )
    with op.batch_alter_table('harvest_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_harvest_job_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_harvest_job_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('harvest_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_harvest_job_status'))
        batch_op.drop_index(batch_op.f('ix_harvest_job_source_id'))
    op.drop_table('harvest_job')
    with op.batch_alter_table('harvest_source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_harvest_source_owner_id'))
    op.drop_table('harvest_source')
