"""documentation campaigns, freshness reminders

Documentation campaigns of the provincial coordinator (``campaign``: target, deadline, reminder,
the report frozen at closing; ``campaign_agency``: the agencies chosen) and the reminders sent
once per overdue period when a dataset's data is late for its declared frequency
(``freshness_reminder``).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 15:12:41
"""

from alembic import op
import sqlalchemy as sa
import dictionary.models.base


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('campaign',
    sa.Column('id', sa.Uuid(), nullable=False, comment='Stable identifier'),
    sa.Column('number', sa.Integer(), nullable=False, comment='Campaign number, 1, 2, 3… (used in URLs)'),
    sa.Column('title', sa.String(length=500), nullable=False, comment='Title, in Vietnamese'),
    sa.Column('description', sa.Text(), nullable=True, comment='What is asked and why, in Vietnamese'),
    sa.Column('min_completeness', sa.Integer(), nullable=True, comment='Target: completeness score at least this (0-100); null: no completeness target'),
    sa.Column('personal_data_assessed', sa.Boolean(), nullable=False, comment='Target: every field has its personal-data category assessed'),
    sa.Column('deadline_on', sa.Date(), nullable=False, comment='Last day of the campaign (Asia/Ho_Chi_Minh)'),
    sa.Column('deadline_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When it ends: the end of deadline_on, local time (UTC)'),
    sa.Column('reminder_days', sa.Integer(), nullable=False, comment='The reminder goes out this many working days before the deadline day'),
    sa.Column('remind_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the reminder is due: the start of that working day, local time (UTC)'),
    sa.Column('reminded_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='When the reminder went out (once)'),
    sa.Column('opened_by', sa.String(length=200), nullable=False, comment='Who opened it (name and e-mail address)'),
    sa.Column('opened_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When it was opened (UTC)'),
    sa.Column('closed_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='When it closed; open while null'),
    sa.Column('closed_by', sa.String(length=200), nullable=True, comment="Who closed it; 'system' when it closed by itself after the deadline"),
    sa.Column('report', sa.JSON(), nullable=True, comment='Per agency at closing: code, name, datasets, met, missed (frozen); null while open'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign')),
    sa.UniqueConstraint('number', name=op.f('uq_campaign_number')),
    comment='Documentation campaigns opened by the provincial coordinator'
    )
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaign_deadline_at'), ['deadline_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaign_remind_at'), ['remind_at'], unique=False)

    op.create_table('campaign_agency',
    sa.Column('campaign_id', sa.Uuid(), nullable=False, comment='The campaign'),
    sa.Column('agency_id', sa.Uuid(), nullable=False, comment='An agency whose datasets it covers (with its scope); none: every agency'),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_campaign_agency_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_agency_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'agency_id', name=op.f('pk_campaign_agency')),
    comment='Agencies chosen for a documentation campaign'
    )
    with op.batch_alter_table('campaign_agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_agency_agency_id'), ['agency_id'], unique=False)

    op.create_table('freshness_reminder',
    sa.Column('id', sa.Uuid(), nullable=False, comment='Stable identifier'),
    sa.Column('dataset_id', sa.Uuid(), nullable=False, comment='The dataset'),
    sa.Column('due_on', sa.Date(), nullable=False, comment='The day its update was due (the overdue period)'),
    sa.Column('sent_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the reminder went out (UTC)'),
    sa.ForeignKeyConstraint(['dataset_id'], ['dataset.id'], name=op.f('fk_freshness_reminder_dataset_id_dataset'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_freshness_reminder')),
    sa.UniqueConstraint('dataset_id', 'due_on', name=op.f('uq_freshness_reminder_dataset_id')),
    comment="Reminders sent because a dataset's data was overdue for its declared frequency"
    )
    with op.batch_alter_table('freshness_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_freshness_reminder_dataset_id'), ['dataset_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('freshness_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_freshness_reminder_dataset_id'))

    op.drop_table('freshness_reminder')
    with op.batch_alter_table('campaign_agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_agency_agency_id'))

    op.drop_table('campaign_agency')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_remind_at'))
        batch_op.drop_index(batch_op.f('ix_campaign_deadline_at'))
        batch_op.drop_index(batch_op.f('ix_campaign_closed_at'))

    op.drop_table('campaign')
