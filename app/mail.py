"""E-mail after commit: a transaction that queued mail (see ``dictionary.services.notifications``)
has the outbox delivered once it commits, in a session of its own; a rollback sends nothing.

Delivery after commit is a courtesy: a mail that fails waits in the outbox for
``catalog governance run-due`` (from cron), so a slow or absent SMTP server never fails a request.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from dictionary.services.mail import MailDelivery, SmtpSettings
from dictionary.services.notifications import MAIL_QUEUED_KEY

log = logging.getLogger(__name__)


def attach(sessions: sessionmaker[Session], smtp: SmtpSettings) -> MailDelivery:
    delivery = MailDelivery(sessions, smtp)

    def after_commit(session: Session) -> None:
        if not session.info.pop(MAIL_QUEUED_KEY, False):
            return
        try:
            delivery.deliver_pending()
        except Exception:  # the change is committed; its mail waits in the outbox
            log.exception("Delivering the mail outbox after a commit failed")

    def after_rollback(session: Session, _previous: Any) -> None:
        session.info.pop(MAIL_QUEUED_KEY, None)

    event.listen(sessions, "after_commit", after_commit)
    event.listen(sessions, "after_soft_rollback", after_rollback)
    return delivery
