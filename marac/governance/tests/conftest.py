"""Governance tests start from localities with no agreement published: they publish and sign their own."""

import pytest

from conftest import Locale, build_locale


@pytest.fixture
def locale(db) -> Locale:
    return build_locale(agreement_signed=False)


@pytest.fixture
def other_locale(db) -> Locale:
    return build_locale("Hillcrest", agreement_signed=False)
