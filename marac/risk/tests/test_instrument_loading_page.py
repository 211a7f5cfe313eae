"""A locality administrator loads the locality's own version of an instrument from a file: a valid file comes into
force for that locality only; a refused file lists every problem and changes nothing."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.risk.engine.loading import parse_instrument
from marac.risk.instrument_forms import MAX_INSTRUMENT_FILE_BYTES
from marac.risk.models import InstrumentVersion
from marac.risk.registry import current_version, instrument_of
from marac.risk.tests.instrument_uploads import json_upload, local_dash, yaml_upload

LOAD_URL = reverse("risk:instrument_load")
# Session, user and membership; which version is in force, a few per instrument code (`versions_in_force`); every
# version with who loaded it, in one; the audit event. The number of versions loaded adds nothing.
QUERIES_FOR_THE_LIST = 20


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_valid_file_comes_into_force_for_the_locality_only(locale, other_locale):
    response = locale.client("admin").post(LOAD_URL, {"file": json_upload(local_dash())}, follow=True)

    loaded = current_version(locality=locale.locality, code="dash-style-24")
    assert loaded.version == "2-local"
    assert loaded.locality == locale.locality
    assert loaded.loaded_by == locale.memberships["admin"].user
    assert loaded.source_filename == "local-dash.json"
    assert instrument_of(loaded).items[0].label == "Local wording, question 1?"
    assert response.redirect_chain == [(reverse("risk:instrument_detail", kwargs={"pk": loaded.pk}), 302)]
    assert "Loaded Domestic abuse risk checklist (licensed wording), version 2-local" in page_text(response)
    assert current_version(locality=other_locale.locality, code="dash-style-24").locality is None
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="risk.instrumentversion", object_id=str(loaded.pk)
    ).exists()


def test_a_yaml_file_loads(locale):
    response = locale.client("admin").post(LOAD_URL, {"file": yaml_upload(local_dash(version="3"))})
    assert response.status_code == 302
    assert current_version(locality=locale.locality, code="dash-style-24").version == "3"


def test_a_refused_file_lists_every_problem_and_changes_nothing(locale):
    in_force_before = current_version(locality=locale.locality, code="dash-style-24")
    versions_before = InstrumentVersion.objects.count()
    data = local_dash()
    data["scoring"] = "weighted_sum"
    data["items"][2]["weight"] = -1
    data["bands"][1]["min"] = 12  # leaves 10 and 11 in no band
    data["screen"] = {"level": "high", "rules": [{"items": ["strangulation", "choking"]}]}

    response = locale.client("admin").post(LOAD_URL, {"file": json_upload(data, "broken.json")})

    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    problems = response.context["form"].errors["file"]
    assert problems == [
        "broken.json: item 'fears': weight -1 is negative; a 'yes' may never lower the score",
        "broken.json: band from 12: scores 10 to 11 fall in no band (a gap)",
        "broken.json: screen rule 1: unknown item ids 'choking'",
    ]
    for problem in problems:
        assert problem in text
    assert InstrumentVersion.objects.count() == versions_before
    assert current_version(locality=locale.locality, code="dash-style-24") == in_force_before


def test_a_file_that_is_not_an_instrument_at_all(locale):
    upload = SimpleUploadedFile("notes.json", b'{"title": "Meeting notes"}')
    response = locale.client("admin").post(LOAD_URL, {"file": upload})
    problems = response.context["form"].errors["file"]
    assert "notes.json: the file: 'code' is a required property" in problems
    assert "notes.json: the file: Additional properties are not allowed ('title' was unexpected)" in problems


def test_unreadable_json_is_refused(locale):
    response = locale.client("admin").post(LOAD_URL, {"file": SimpleUploadedFile("local.json", b'{"code": ')})
    [problem] = response.context["form"].errors["file"]
    assert problem.startswith("local.json: cannot be read:")


def test_loading_the_same_file_again_changes_nothing(locale):
    client = locale.client("admin")
    client.post(LOAD_URL, {"file": json_upload(local_dash())})
    versions = InstrumentVersion.objects.count()

    response = client.post(LOAD_URL, {"file": json_upload(local_dash())}, follow=True)

    assert (
        "local-dash.json: Domestic abuse risk checklist (licensed wording), version 2-local, is already loaded; "
        "nothing changed." in page_text(response)
    )
    assert InstrumentVersion.objects.count() == versions
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="risk.instrumentversion").count() == 1


def test_the_same_version_with_different_content_is_refused(locale):
    client = locale.client("admin")
    client.post(LOAD_URL, {"file": json_upload(local_dash())})

    response = client.post(LOAD_URL, {"file": json_upload(local_dash(wording="Changed wording"), "changed.json")})

    [problem] = response.context["form"].errors["file"]
    assert problem.startswith("changed.json: version '2-local' of 'dash-style-24' is already loaded with different")
    assert "give the changed file a new version" in problem
    assert instrument_of(current_version(locality=locale.locality, code="dash-style-24")).items[0].label == (
        "Local wording, question 1?"
    )


def test_no_file_chosen(locale):
    response = locale.client("admin").post(LOAD_URL, {})
    assert response.context["form"].errors["file"] == ["Select an instrument file to load."]


def test_a_file_over_the_size_limit_is_refused(locale):
    text = json.dumps(local_dash())
    padded = text[:-1] + ', "description": "' + "x" * MAX_INSTRUMENT_FILE_BYTES + '"}'
    response = locale.client("admin").post(LOAD_URL, {"file": SimpleUploadedFile("big.json", padded.encode())})
    [problem] = response.context["form"].errors["file"]
    assert problem.startswith("big.json: the file is 202.3\xa0KB;")
    assert "it must be at most 200 KB" in problem
    assert not InstrumentVersion.objects.filter(locality=locale.locality).exists()


def test_a_file_of_another_kind_is_refused(locale):
    upload = SimpleUploadedFile("checklist.docx", json.dumps(local_dash()).encode())
    response = locale.client("admin").post(LOAD_URL, {"file": upload})
    assert response.context["form"].errors["file"] == [
        "checklist.docx: the file must be a JSON or YAML file (.json, .yaml or .yml)."
    ]


def test_a_file_that_is_not_utf8_text_is_refused(locale):
    upload = SimpleUploadedFile("local.json", json.dumps(local_dash(wording="Café")).encode("utf-16"))
    response = locale.client("admin").post(LOAD_URL, {"file": upload})
    assert response.context["form"].errors["file"] == [
        "local.json: the file is not plain text in UTF-8. Save it as UTF-8 text and load it again."
    ]


def test_utf8_with_a_byte_order_mark_loads(locale):
    upload = SimpleUploadedFile("local.json", json.dumps(local_dash(wording="Café")).encode("utf-8-sig"))
    assert locale.client("admin").post(LOAD_URL, {"file": upload}).status_code == 302
    version = current_version(locality=locale.locality, code="dash-style-24")
    assert instrument_of(version).items[0].label == "Café, question 1?"


@pytest.mark.parametrize("persona", ["coordinator", "chair", "analyst", "auditor"])
def test_only_the_locality_administrator_may_load(locale, persona):
    response = locale.client(persona).post(LOAD_URL, {"file": json_upload(local_dash())})
    assert response.status_code == 404
    assert not InstrumentVersion.objects.filter(locality=locale.locality).exists()


class TestList:
    URL = reverse("risk:instrument_list")

    def test_shows_what_is_in_force_and_every_version_with_who_loaded_it(self, locale, other_locale):
        locale.memberships["admin"].user.first_name = "Robin"
        locale.memberships["admin"].user.last_name = "Admin"
        locale.memberships["admin"].user.save()
        locale.client("admin").post(LOAD_URL, {"file": json_upload(local_dash())})
        other_locale.client("admin").post(LOAD_URL, {"file": json_upload(local_dash(version="hillcrest-1"))})

        response = locale.client("admin").get(self.URL)

        in_force = {version.code: version for version in response.context["in_force"]}
        assert set(in_force) >= {
            "dash-style-24",
            "danger-assessment-style-20",
            "lethality-screen-11",
            "police-five-level",
        }
        assert in_force["dash-style-24"].version == "2-local"
        assert in_force["lethality-screen-11"].locality is None
        listed = {(version.code, version.version) for version in response.context["versions"]}
        assert ("dash-style-24", "1") in listed and ("dash-style-24", "2-local") in listed
        assert ("dash-style-24", "hillcrest-1") not in listed
        text = page_text(response)
        assert "by Robin Admin" in text
        assert "hillcrest-1" not in text
        assert AuditEvent.objects.filter(action=AuditAction.LIST, summary="Listed instrument versions").exists()

    def test_queries_do_not_grow_with_the_versions_loaded(self, locale, django_assert_max_num_queries):
        client = locale.client("admin")
        client.post(LOAD_URL, {"file": json_upload(local_dash(version="2"))})
        with django_assert_max_num_queries(QUERIES_FOR_THE_LIST):
            assert client.get(self.URL).status_code == 200

        for number in range(3, 23):
            client.post(LOAD_URL, {"file": json_upload(local_dash(version=str(number)))})
        with django_assert_max_num_queries(QUERIES_FOR_THE_LIST):
            response = client.get(self.URL)
        assert len(response.context["versions"]) == 4 + 21


class TestDetail:
    def url(self, version: InstrumentVersion) -> str:
        return reverse("risk:instrument_detail", kwargs={"pk": version.pk})

    @pytest.mark.parametrize("persona", ["police_referrer", "idva", "housing_rep", "analyst", "admin"])
    def test_every_member_reads_a_shipped_instrument(self, locale, persona):
        screen = current_version(locality=locale.locality, code="lethality-screen-11")
        response = locale.client(persona).get(self.url(screen))
        assert response.status_code == 200
        text = page_text(response)
        assert "Has the abuser said they will kill the victim or the victim's children?" in text
        assert "“Yes” to any of questions 1, 2, 3" in text
        assert "“Yes” to at least 4 of questions 4, 5, 6, 7, 8, 9, 10, 11" in text
        assert "raised to at least <strong>high</strong>" in text
        assert instrument_of(screen).provenance in text

    def test_shows_weights_and_bands_of_a_weighted_instrument(self, locale):
        danger = current_version(locality=locale.locality, code="danger-assessment-style-20")
        response = locale.client("idva").get(self.url(danger))
        text = page_text(response)
        assert "Weight" in text
        assert "18 or more" in text and "Extreme danger" in text
        assert "8 to 13" in text and "Increased danger" in text
        assert [weight for _item, weight in response.context["items"]] == [1] * 20

    def test_a_locality_version_is_seen_by_its_own_members_only(self, locale, other_locale):
        locale.client("admin").post(LOAD_URL, {"file": json_upload(local_dash())})
        own = current_version(locality=locale.locality, code="dash-style-24")

        assert locale.client("police_referrer").get(self.url(own)).status_code == 200
        for persona in ("admin", "coordinator"):
            assert other_locale.client(persona).get(self.url(own)).status_code == 404
        assert AuditEvent.objects.filter(
            action=AuditAction.DENIED, actor=other_locale.memberships["admin"].user, detail__object_id=str(own.pk)
        ).exists()
        file_url = reverse("risk:instrument_file", kwargs={"pk": own.pk})
        assert other_locale.client("admin").get(file_url).status_code == 404

    def test_says_whether_the_version_is_in_force(self, locale):
        shipped = current_version(locality=locale.locality, code="dash-style-24")
        locale.client("admin").post(LOAD_URL, {"file": json_upload(local_dash())})
        response = locale.client("admin").get(self.url(shipped))
        assert response.context["in_force_here"] is False
        assert "No: another version of this instrument is in force" in page_text(response)


def test_a_downloaded_file_loads_back_as_the_same_instrument(locale):
    danger = current_version(locality=locale.locality, code="danger-assessment-style-20")
    response = locale.client("admin").get(reverse("risk:instrument_file", kwargs={"pk": danger.pk}))
    assert response["Content-Type"] == "application/json"
    assert 'filename="danger-assessment-style-20-1.json"' in response["Content-Disposition"]
    assert parse_instrument(response.content.decode(), filename="download.json") == instrument_of(danger)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(danger.pk)).exists()
