"""password reset links

One-time links an administrator gives a user to set a new password (``password_reset``: the
SHA-256 of the token, whose password, who issued it, expiry, when it was used).

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-03 12:20:00
"""

from alembic import op
import sqlalchemy as sa
import dictionary.models.base


revision = '0011'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('password_reset',
    sa.Column('token_hash', sa.String(length=64), nullable=False, comment='SHA-256 of the token, hex'),
    sa.Column('principal_id', sa.Uuid(), nullable=False, comment='Whose password it resets'),
    sa.Column('created_by', sa.String(length=200), nullable=False, comment='Who issued the link'),
    sa.Column('created_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When it was issued (UTC)'),
    sa.Column('expires_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='It no longer works after this time (UTC)'),
    sa.Column('used_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='When it was used; a used link never works again'),
    sa.ForeignKeyConstraint(['principal_id'], ['principal.id'], name=op.f('fk_password_reset_principal_id_principal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_password_reset')),
    comment='One-time password-reset links (hashed), given by administrators'
    )
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_reset_principal_id'), ['principal_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_principal_id'))
    op.drop_table('password_reset')
