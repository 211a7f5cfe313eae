"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages.

The reports and their exports: those who run the MARAC and the analyst (aggregates, suppressed). The cases behind a
figure: only those who may see the locality's cases, the coordinator and the chair. The settings: the coordinator
and the locality administrator.
"""

REPORT_READERS = frozenset({"coordinator", "chair", "analyst"})

URL_RULES: dict = {
    "reports:return": ("get", lambda w: {}, REPORT_READERS),
    "reports:export_csv": ("get", lambda w: {}, REPORT_READERS),
    "reports:export_xlsx": ("get", lambda w: {}, REPORT_READERS),
    "reports:figure_cases": ("get", lambda w: {"figure_key": "repeats"}, frozenset({"coordinator", "chair"})),
    "reports:dashboard": ("get", lambda w: {}, REPORT_READERS),
    "reports:monitoring": ("get", lambda w: {}, REPORT_READERS),
    "reports:annual_review": ("get", lambda w: {}, REPORT_READERS),
    "reports:annual_pack": ("get", lambda w: {}, REPORT_READERS),
    "reports:settings": ("get", lambda w: {}, frozenset({"coordinator", "admin"})),
}
