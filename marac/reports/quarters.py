"""Calendar quarters in local time: how a return's period is named, parsed and bounded."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext

_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, value: str) -> "Quarter":
        """'2026-Q3' to a Quarter; ValueError for anything else."""
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(value)
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, moment: dt.datetime) -> "Quarter":
        local = timezone.localtime(moment)
        return cls(local.year, (local.month - 1) // 3 + 1)

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def year_ending(self) -> list["Quarter"]:
        """The four quarters ending with this one, oldest first: the year an annual review covers."""
        quarters = [self]
        for _ in range(3):
            quarters.insert(0, quarters[0].previous())
        return quarters

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Start (inclusive) and end (exclusive) as aware datetimes at local midnight, so a meeting at 00:30 on
        1 July in summer time falls in the third quarter, as its date says."""
        start = timezone.make_aware(dt.datetime.combine(self.first_day, dt.time()))
        end = timezone.make_aware(dt.datetime.combine(self.next().first_day, dt.time()))
        return start, end

    @property
    def short_label(self) -> str:
        """The short name, "2026 Q3" in English: short enough for a chart's axis and a table's column."""
        return gettext("%(year)s Q%(number)s") % {"year": self.year, "number": self.number}

    def __str__(self) -> str:
        """The months and year, "July to September 2026" in English."""
        return gettext("%(first_month)s to %(last_month)s %(year)s") % {
            "first_month": MONTHS[self.first_day.month],
            "last_month": MONTHS[self.last_day.month],
            "year": self.year,
        }
