"""Services: the business rules. Each takes a :class:`Context` and raises domain errors."""

from dictionary.services.agencies import AgencyFilters, AgencyService
from dictionary.services.base import Context, unit_of_work
from dictionary.services.datasets import DatasetFilters, DatasetService
from dictionary.services.dictionary_import import DictionaryFileService, ImportReport
from dictionary.services.distributions import DistributionService
from dictionary.services.fields import FieldService, MappingService
from dictionary.services.revisions import RevisionService
from dictionary.services.standards import StandardFilters, StandardService

__all__ = [
    "AgencyFilters",
    "AgencyService",
    "Context",
    "DatasetFilters",
    "DatasetService",
    "DictionaryFileService",
    "DistributionService",
    "FieldService",
    "ImportReport",
    "MappingService",
    "RevisionService",
    "StandardFilters",
    "StandardService",
    "unit_of_work",
]
