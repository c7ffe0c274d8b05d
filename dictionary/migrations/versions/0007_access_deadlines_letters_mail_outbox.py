"""access deadlines, refusal basis, decision letters, mail outbox

The steps of access requests with their due dates in working days (``access_step``), the
regulation a refusal cites (``access_request.refusal_basis_id``), the kept decision letters
(``decision_letter``), the e-mail outbox (``mail_outbox``) and each principal's choice of e-mail
notifications (``principal.email_notifications``, on by default).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 11:51:48.920804
"""

from alembic import op
import sqlalchemy as sa
import dictionary.models.base


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_outbox',
    sa.Column('id', sa.Uuid(), nullable=False, comment='Stable identifier'),
    sa.Column('recipient', sa.String(length=320), nullable=False, comment='E-mail address it goes to'),
    sa.Column('subject', sa.String(length=500), nullable=False, comment='Subject, Vietnamese then English'),
    sa.Column('body', sa.Text(), nullable=False, comment='Plain-text body, Vietnamese then English'),
    sa.Column('kind', sa.String(length=40), nullable=False, comment='The notification kind it carries, e.g. request.submitted'),
    sa.Column('created_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When queued (UTC)'),
    sa.Column('attempts', sa.Integer(), nullable=False, comment='Delivery attempts so far'),
    sa.Column('next_attempt_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='Not tried again before this time (backoff, or a claim)'),
    sa.Column('sent_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='When the SMTP server accepted it'),
    sa.Column('last_error', sa.String(length=500), nullable=True, comment='Why the last attempt failed'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_outbox')),
    comment='Outbox of e-mail notifications, sent after commit with retries'
    )
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_outbox_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_outbox_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_outbox_sent_at'), ['sent_at'], unique=False)

    op.create_table('access_step',
    sa.Column('id', sa.Uuid(), nullable=False, comment='Stable identifier'),
    sa.Column('request_id', sa.Uuid(), nullable=False, comment='The request'),
    sa.Column('kind', sa.String(length=40), nullable=False, comment='opinion (owner agency) or decision (approver)'),
    sa.Column('opened_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the step began (UTC)'),
    sa.Column('working_days', sa.Integer(), nullable=False, comment='Working days allowed, from the rule table'),
    sa.Column('due_on', sa.Date(), nullable=False, comment='Last working day of the step (Asia/Ho_Chi_Minh)'),
    sa.Column('due_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the step becomes overdue: the end of due_on, local time (UTC)'),
    sa.Column('closed_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='When the step was done or ended (UTC)'),
    sa.Column('escalated_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='When its overdue escalation went out'),
    sa.CheckConstraint("kind IN ('opinion', 'decision')", name=op.f('ck_access_step_kind')),
    sa.ForeignKeyConstraint(['request_id'], ['access_request.id'], name=op.f('fk_access_step_request_id_access_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_step')),
    sa.UniqueConstraint('request_id', 'kind', name=op.f('uq_access_step_request_id')),
    comment='Steps of access requests with their due dates in working days'
    )
    with op.batch_alter_table('access_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_step_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_step_request_id'), ['request_id'], unique=False)

    op.create_table('decision_letter',
    sa.Column('id', sa.Uuid(), nullable=False, comment='Stable identifier'),
    sa.Column('request_id', sa.Uuid(), nullable=False, comment='The decided request'),
    sa.Column('issued_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When it was issued (UTC)'),
    sa.Column('sha256', sa.String(length=64), nullable=False, comment='SHA-256 of the PDF, also in the audit event'),
    sa.Column('pdf', sa.LargeBinary(), nullable=False, comment='The PDF as issued'),
    sa.ForeignKeyConstraint(['request_id'], ['access_request.id'], name=op.f('fk_decision_letter_request_id_access_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_letter')),
    sa.UniqueConstraint('request_id', name=op.f('uq_decision_letter_request_id')),
    comment='Issued decision letters of access grants, kept as PDF'
    )
    with op.batch_alter_table('access_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('refusal_basis_id', sa.Uuid(), nullable=True, comment='The regulation of the legal-basis register a refusal cites (Decree 194/2025)'))
        batch_op.create_index(batch_op.f('ix_access_request_refusal_basis_id'), ['refusal_basis_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_access_request_refusal_basis_id_standard'), 'standard', ['refusal_basis_id'], ['id'], ondelete='RESTRICT')

    with op.batch_alter_table('principal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_notifications', sa.Boolean(), server_default=sa.true(), nullable=False, comment='Also send notifications by e-mail (else in-app only)'))



def downgrade() -> None:
    with op.batch_alter_table('principal', schema=None) as batch_op:
        batch_op.drop_column('email_notifications')

    with op.batch_alter_table('access_request', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_access_request_refusal_basis_id_standard'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_access_request_refusal_basis_id'))
        batch_op.drop_column('refusal_basis_id')

    op.drop_table('decision_letter')
    with op.batch_alter_table('access_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_step_request_id'))
        batch_op.drop_index(batch_op.f('ix_access_step_due_at'))

    op.drop_table('access_step')
    with op.batch_alter_table('mail_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_outbox_sent_at'))
        batch_op.drop_index(batch_op.f('ix_mail_outbox_next_attempt_at'))
        batch_op.drop_index(batch_op.f('ix_mail_outbox_created_at'))

    op.drop_table('mail_outbox')
