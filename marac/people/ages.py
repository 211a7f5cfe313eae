"""Ages that change what agencies must do: a perpetrator aged 17 or under is a child in law."""

import datetime as dt

# Under 18 is a child in the law of every jurisdiction the mechanism serves; the data return counts
# perpetrators "aged 17 or under" and victims aged 16–17 against exactly these limits.
OLDEST_CHILD_AGE = 17


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Whole years completed on `day` (someone born on 29 February turns a year older on 1 March)."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)


def is_child_on(date_of_birth: dt.date | None, day: dt.date) -> bool:
    return date_of_birth is not None and age_on(date_of_birth, day) <= OLDEST_CHILD_AGE
