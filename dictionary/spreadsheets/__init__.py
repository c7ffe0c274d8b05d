"""A dataset's data dictionary as a spreadsheet: the template, its readers and writers.

Pure functions over bytes and dicts; the database side (current fields, standards, foreign keys,
writing) is :mod:`dictionary.services.dictionary_import`. The template is documented in
``docs/dictionary-template.md``.
"""

from dictionary.spreadsheets.columns import COLUMNS, Column, cell_values
from dictionary.spreadsheets.parse import CellError, ParsedRows, References, parse_rows
from dictionary.spreadsheets.reading import Limits, OverBudget, SpreadsheetError, Table, read_table
from dictionary.spreadsheets.vocabulary import Choice, Vocabulary, humanize, sorted_mappings
from dictionary.spreadsheets.writing import (
    CODES_SHEET,
    CSV_MEDIA_TYPE,
    GUIDE_SHEET,
    XLSX_MEDIA_TYPE,
    CodeLists,
    WorkbookInfo,
    write_csv,
    write_xlsx,
)

__all__ = [
    "CODES_SHEET",
    "COLUMNS",
    "CSV_MEDIA_TYPE",
    "GUIDE_SHEET",
    "XLSX_MEDIA_TYPE",
    "CellError",
    "Choice",
    "CodeLists",
    "Column",
    "Limits",
    "OverBudget",
    "ParsedRows",
    "References",
    "SpreadsheetError",
    "Table",
    "Vocabulary",
    "WorkbookInfo",
    "cell_values",
    "humanize",
    "parse_rows",
    "read_table",
    "sorted_mappings",
    "write_csv",
    "write_xlsx",
]
