"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages.

The quarterly return and its exports: those who run the MARAC and the analyst (aggregates, suppressed). The cases
behind a figure: only those who may see the locality's cases, the coordinator and the chair.
"""

REPORT_READERS = frozenset({"coordinator", "chair", "analyst"})

URL_RULES: dict = {
    "reports:return": ("get", lambda w: {}, REPORT_READERS),
    "reports:export_csv": ("get", lambda w: {}, REPORT_READERS),
    "reports:export_xlsx": ("get", lambda w: {}, REPORT_READERS),
    "reports:figure_cases": ("get", lambda w: {"figure_key": "repeats"}, frozenset({"coordinator", "chair"})),
}
