"""The return as CSV and as an XLSX workbook: the same cells as the page, suppression included. The headings and
words are in the reader's language; the numbers stay numbers (no thousands separator, a decimal point, no per cent
sign), so that a spreadsheet or a script reads them in any language."""

import csv
import io

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font

from marac.reports.presentation import EXPECTED_VOLUME, DataReturn, Shown


def header() -> list[str]:
    return [
        gettext("Quarter"),
        gettext("Meeting"),
        gettext("Figure"),
        gettext("Count"),
        gettext("Share of cases discussed"),
        gettext("Definition"),
        gettext("Benchmark"),
    ]


def _rows(data: DataReturn) -> list[list]:
    def cell(shown: Shown | None):
        if shown is None:
            return ""
        if shown.value is not None:
            return shown.value
        return shown.text

    rows = []
    for column in data.columns:
        for row in column.rows:
            rows.append(
                [
                    data.quarter_code,
                    column.label,
                    str(row.figure.label),
                    cell(row.count),
                    cell(row.share),
                    str(row.figure.explanation),
                    str(row.figure.benchmark),
                ]
            )
    if data.expected_volume is not None:
        rows.append(
            [
                data.quarter_code,
                data.total.label,
                gettext("Cases per 10,000 women aged 16 or over, a year"),
                cell(data.expected_volume),
                "",
                *(str(text) for text in EXPECTED_VOLUME),
            ]
        )
    return rows


def return_csv(data: DataReturn) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    writer.writerows(_rows(data))
    return buffer.getvalue()


def return_xlsx(data: DataReturn) -> bytes:
    """Numbers as numbers, so the spreadsheet can add them up; hidden cells as their words."""
    workbook = Workbook()
    sheet = workbook.active
    # A sheet's name is at most 31 characters.
    sheet.title = gettext("Data return")[:31]
    sheet.append(header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(data):
        sheet.append([float(value) if not isinstance(value, (int, str)) else value for value in row])
    for letter, width in zip("ABCDEFG", (10, 14, 44, 14, 14, 80, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
