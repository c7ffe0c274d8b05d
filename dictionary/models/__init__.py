"""Typed SQLAlchemy 2 models of the catalog. Importing this package registers every table."""

from dictionary.models.access import AccessGrant, AccessRequest, Notification
from dictionary.models.accounts import (
    ApiToken,
    LoginThrottle,
    Membership,
    PasswordReset,
    Principal,
    WebSession,
)
from dictionary.models.agency import Agency, AgencyEvent
from dictionary.models.audit import AuditChainHead, AuditEvent
from dictionary.models.base import Base, utcnow
from dictionary.models.campaign import Campaign, FreshnessReminder
from dictionary.models.dataset import ContactPoint, Dataset, Distribution, OwnershipAssignment
from dictionary.models.field import Field
from dictionary.models.governance import AccessStep, DecisionLetter, MailMessage
from dictionary.models.harvest import HarvestJob, HarvestSource
from dictionary.models.revision import OutboxEntry, Revision
from dictionary.models.standard import Standard, StandardMapping
from dictionary.models.term import DataElement, DataElementVersion

__all__ = [
    "AccessGrant",
    "AccessRequest",
    "AccessStep",
    "Agency",
    "AgencyEvent",
    "ApiToken",
    "AuditChainHead",
    "AuditEvent",
    "Base",
    "Campaign",
    "ContactPoint",
    "DataElement",
    "DataElementVersion",
    "Dataset",
    "DecisionLetter",
    "Distribution",
    "Field",
    "FreshnessReminder",
    "HarvestJob",
    "HarvestSource",
    "LoginThrottle",
    "MailMessage",
    "Membership",
    "Notification",
    "OutboxEntry",
    "OwnershipAssignment",
    "PasswordReset",
    "Principal",
    "Revision",
    "Standard",
    "StandardMapping",
    "WebSession",
    "utcnow",
]
