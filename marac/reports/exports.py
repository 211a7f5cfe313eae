"""The return as CSV and as an XLSX workbook: the same cells as the page, suppression included."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from marac.reports.presentation import EXPECTED_VOLUME, DataReturn, Shown

HEADER = ["Quarter", "Meeting", "Figure", "Count", "Share of cases discussed", "Definition", "Benchmark"]


def _rows(data: DataReturn, *, numeric: bool) -> list[list]:
    def cell(shown: Shown | None):
        if shown is None:
            return ""
        if numeric and shown.value is not None:
            return shown.value
        return shown.text

    rows = []
    for column in data.columns:
        for row in column.rows:
            rows.append(
                [
                    data.quarter_code,
                    column.label,
                    row.figure.label,
                    cell(row.count),
                    cell(row.share),
                    row.figure.explanation,
                    row.figure.benchmark,
                ]
            )
    if data.expected_volume is not None:
        rows.append(
            [
                data.quarter_code,
                "Quarter total",
                "Cases per 10,000 women aged 16 or over, a year",
                cell(data.expected_volume),
                "",
                *EXPECTED_VOLUME,
            ]
        )
    return rows


def return_csv(data: DataReturn) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(_rows(data, numeric=False))
    return buffer.getvalue()


def return_xlsx(data: DataReturn) -> bytes:
    """Numbers as numbers, so the spreadsheet can add them up; hidden cells as their words."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data return"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(data, numeric=True):
        sheet.append([float(value) if not isinstance(value, (int, str)) else value for value in row])
    for letter, width in zip("ABCDEFG", (10, 14, 44, 14, 14, 80, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
