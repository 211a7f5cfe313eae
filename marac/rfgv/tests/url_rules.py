"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages."""

from marac.incidents.tests.factories import perpetrator_of

MATAC_RANKERS = frozenset({"coordinator", "chair"})

# The ranking and the explanation of a score: the coordinator prepares it, the chair reads it. The world's
# perpetrator is explained (he is not serial: the page still explains his score). The settings: the locality
# administrator only (configuration, no case content).
URL_RULES: dict = {
    "rfgv:ranking": ("get", lambda w: {}, MATAC_RANKERS),
    "rfgv:explanation": ("get", lambda w: {"person_pk": perpetrator_of(w.case).pk}, MATAC_RANKERS),
    "rfgv:settings": ("get", lambda w: {}, frozenset({"admin"})),
}
