"""The documentation page works under the site's CSP: no inline script, its assets and start-up script from here."""

import re

from rest_framework.test import APIClient

from marac.agencies.models import Role
from marac.api.tests.factories import system_client


def test_the_docs_page_loads_everything_from_this_site(locale):
    client = locale.client("housing_rep")
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert [source.rsplit("/", 1)[-1] for source in sources] == [
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "?script=",
    ]
    assert "<script>" not in html and "<style" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    start_up = client.get(sources[-1])
    assert start_up["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in start_up.content.decode()


def test_a_token_reads_the_schema_and_an_anonymous_caller_does_not(locale):
    police = system_client(locale.police, Role.REFERRER, ["referral.create"])
    assert police.get("/api/v1/schema/?format=json").json()["info"]["title"] == "marac API"
    assert APIClient().get("/api/v1/schema/").status_code == 401
