"""Numbers as the reader of the page reads them: in the active language's format (1,234.5 in English, 1 234,5 in
Spanish), with the same number of decimal places as the value carries. The exports keep the values themselves."""

from decimal import Decimal

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext


def count_text(count: int) -> str:
    return number_format(count, force_grouping=True)


def decimal_text(value: Decimal | int) -> str:
    """The value with the places it was rounded to: 20.0 stays "20.0" (or "20,0")."""
    return number_format(value, force_grouping=True)


def trimmed_text(value: Decimal) -> str:
    """Whole numbers without decimals, others with at most two and no trailing zeros: 12, 1.25, 12.5."""
    if value == value.to_integral_value():
        return number_format(value, 0, force_grouping=True)
    separator = get_format("DECIMAL_SEPARATOR")
    # Rounded here: number_format cuts off the places it does not show.
    return number_format(value.quantize(Decimal("0.01")), force_grouping=True).rstrip("0").rstrip(separator)


def percent_text(value: Decimal | int) -> str:
    return gettext("%(percent)s%%") % {"percent": decimal_text(value)}
