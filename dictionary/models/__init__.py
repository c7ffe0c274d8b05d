"""Typed SQLAlchemy 2 models of the catalog. Importing this package registers every table."""

from dictionary.models.agency import Agency, AgencyEvent
from dictionary.models.base import Base, utcnow
from dictionary.models.dataset import ContactPoint, Dataset, Distribution, OwnershipAssignment
from dictionary.models.field import Field
from dictionary.models.revision import OutboxEntry, Revision
from dictionary.models.standard import Standard, StandardMapping

__all__ = [
    "Agency",
    "AgencyEvent",
    "Base",
    "ContactPoint",
    "Dataset",
    "Distribution",
    "Field",
    "OutboxEntry",
    "OwnershipAssignment",
    "Revision",
    "Standard",
    "StandardMapping",
    "utcnow",
]
