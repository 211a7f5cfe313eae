"""Producing a subject access file in tests."""

import json

from django.urls import reverse


def download(locale, person, *, persona: str = "coordinator", purpose: str = "Request received 3 March, SAR-0112"):
    return locale.client(persona).post(
        reverse("people:subject_access_download", kwargs={"pk": person.pk}), {"purpose": purpose}
    )


def exported(locale, person, **kwargs) -> tuple[dict, str]:
    """The file as data, and as the raw text that went out."""
    response = download(locale, person, **kwargs)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/json"
    text = response.content.decode()
    return json.loads(text), text
