"""sessions, tokens, login throttle

Server-side web sessions (``web_session``) replace the per-user session epoch; API tokens record
the token they were issued with (``api_token.parent_id``); login throttling per account name and
per address (``login_throttle``) replaces the per (name, address) attempt log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:04:40.957739
"""

from alembic import op
import sqlalchemy as sa
import dictionary.models.base


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_throttle',
    sa.Column('kind', sa.String(length=10), nullable=False, comment='account or address'),
    sa.Column('key', sa.String(length=320), nullable=False, comment='The login name typed (lower case) or the client address'),
    sa.Column('failures', sa.Integer(), nullable=False, comment='Recent failures; one is forgiven per quiet period'),
    sa.Column('last_failure_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When the last failure happened (UTC)'),
    sa.Column('locked_until', dictionary.models.base.UTCDateTime(timezone=True), nullable=True, comment='Attempts are refused, unchecked, until then (UTC)'),
    sa.PrimaryKeyConstraint('kind', 'key', name=op.f('pk_login_throttle')),
    comment='Failed logins per account name and per address, for throttling'
    )
    op.create_table('web_session',
    sa.Column('id_hash', sa.String(length=64), nullable=False, comment='SHA-256 of the session id, hex'),
    sa.Column('principal_id', sa.Uuid(), nullable=False, comment='Who is signed in'),
    sa.Column('created_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When they signed in (UTC)'),
    sa.Column('last_seen_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='Last request with it (minute precision); idle sessions expire'),
    sa.Column('expires_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='It ends at this time however active (UTC)'),
    sa.ForeignKeyConstraint(['principal_id'], ['principal.id'], name=op.f('fk_web_session_principal_id_principal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_web_session')),
    comment='Open web sessions: deleted at logout, expiring when idle or old'
    )
    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_session_principal_id'), ['principal_id'], unique=False)

    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempt_key')
    op.drop_table('login_attempt')

    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Uuid(), nullable=True, comment='The token this one was issued with; null when issued by a person or the CLI'))
        batch_op.create_index(batch_op.f('ix_api_token_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_api_token_parent_id_api_token'), 'api_token', ['parent_id'], ['id'], ondelete='CASCADE')

    # Every open session was signed with the epoch; they end here (users sign in again).
    with op.batch_alter_table('principal', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')


def downgrade() -> None:
    with op.batch_alter_table('principal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='1', nullable=False, comment='Stored in web sessions; bumped to end every session (password change, lock)'))
    with op.batch_alter_table('principal', schema=None) as batch_op:
        batch_op.alter_column('session_epoch', server_default=None)

    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_api_token_parent_id_api_token'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_api_token_parent_id'))
        batch_op.drop_column('parent_id')

    op.create_table('login_attempt',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False, comment='Order of attempts'),
    sa.Column('username', sa.String(length=320), nullable=False, comment='The login name typed, lower case'),
    sa.Column('ip', sa.String(length=64), nullable=False, comment='Client address'),
    sa.Column('attempted_at', dictionary.models.base.UTCDateTime(timezone=True), nullable=False, comment='When (UTC)'),
    sa.Column('succeeded', sa.Boolean(), nullable=False, comment='Whether the password was right'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt')),
    comment='Web login attempts, for rate limiting'
    )
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempt_key', ['username', 'ip', 'attempted_at'], unique=False)

    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_session_principal_id'))
    op.drop_table('web_session')
    op.drop_table('login_throttle')
