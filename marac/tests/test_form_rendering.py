"""Every kind of Django field renders with GOV.UK markup through GovukFormRenderer, with and without errors."""

import datetime

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation

from marac.forms import DateInput, DatePartsInput, DateTimeInput, GovukFormRenderer
from marac.tests.html import Element, parse

RISK_LEVELS = [("high", "High"), ("medium", "Medium"), ("standard", "Standard")]
AGENCIES = [("police", "Police"), ("housing", "Housing"), ("health", "Health")]


class EveryFieldForm(forms.Form):
    name = forms.CharField(help_text="As the person gives it.")
    nickname = forms.CharField(required=False)
    email = forms.EmailField(required=False)
    children = forms.IntegerField(min_value=0)
    notes = forms.CharField(widget=forms.Textarea, max_length=500, required=False)
    summary = forms.CharField(widget=forms.Textarea)
    language = forms.ChoiceField(choices=[("", "Choose a language"), ("en", "English"), ("cy", "Welsh")])
    risk_level = forms.ChoiceField(choices=RISK_LEVELS, widget=forms.RadioSelect, help_text="From the checklist.")
    agencies = forms.MultipleChoiceField(choices=AGENCIES, widget=forms.CheckboxSelectMultiple)
    safe_to_call = forms.BooleanField(required=False, help_text="Only if the person said so.")
    confirmed = forms.BooleanField()
    incident_date = forms.DateField(widget=DateInput)
    date_of_birth = forms.DateField(widget=DatePartsInput, help_text="For example, 27 3 1990")
    meeting_at = forms.DateTimeField(widget=DateTimeInput, required=False)
    attachment = forms.FileField(required=False)
    submission_token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("nickname") == "clash":
            raise forms.ValidationError("The nickname and name cannot be the same.")
        return cleaned


VALID_DATA = {
    "name": "Alex Example",
    "children": "2",
    "summary": "Made up for a test.",
    "language": "en",
    "risk_level": "high",
    "agencies": ["police", "health"],
    "confirmed": "on",
    "incident_date": "2026-03-05",
    "date_of_birth_day": "27",
    "date_of_birth_month": "3",
    "date_of_birth_year": "1990",
    "meeting_at": "2026-04-01T14:30",
    "submission_token": "abc",
}


def rendered(form: forms.Form) -> Element:
    return parse(form.render())


def form_group(page: Element, element_id: str) -> Element:
    element = page.by_id(element_id)
    return next(node for node in element.ancestors() if "govuk-form-group" in node.classes)


def described_by(element: Element) -> list[str]:
    return element.attrs.get("aria-describedby", "").split()


def test_the_project_uses_the_govuk_renderer():
    assert isinstance(EveryFieldForm().renderer, GovukFormRenderer)


class TestWithoutErrors:
    @pytest.fixture
    def page(self) -> Element:
        return rendered(EveryFieldForm())

    def test_text_input_has_label_hint_and_describedby(self, page):
        name = page.by_id("id_name")
        assert name.tag == "input"
        assert name.classes == {"govuk-input"}
        label = page.find("label", **{"for": "id_name"})
        assert label.classes >= {"govuk-label"}
        assert label.text == "Name"
        hint = page.by_id("id_name_helptext")
        assert hint.classes == {"govuk-hint"}
        assert hint.text == "As the person gives it."
        assert described_by(name) == ["id_name_helptext"]
        assert "govuk-form-group--error" not in form_group(page, "id_name").classes

    def test_optional_fields_say_so_and_required_ones_have_no_marker(self, page):
        assert page.find("label", **{"for": "id_nickname"}).text == "Nickname (optional)"
        assert page.find("label", **{"for": "id_email"}).text == "Email (optional)"
        assert page.find("label", **{"for": "id_children"}).text == "Children"
        assert "*" not in page.text

    def test_every_input_kind_gets_its_govuk_class(self, page):
        assert page.by_id("id_email").classes == {"govuk-input"}
        assert page.by_id("id_children").classes == {"govuk-input"}
        assert page.by_id("id_summary").tag == "textarea"
        assert page.by_id("id_summary").classes == {"govuk-textarea"}
        assert page.by_id("id_language").tag == "select"
        assert page.by_id("id_language").classes == {"govuk-select"}
        assert page.by_id("id_attachment").attrs["type"] == "file"
        assert page.by_id("id_attachment").classes == {"govuk-file-upload"}
        assert page.find("label", **{"for": "id_attachment"}).text == "Attachment (optional)"

    def test_textarea_with_a_limit_gets_a_character_count(self, page):
        notes = page.by_id("id_notes")
        assert notes.classes == {"govuk-textarea", "govuk-js-character-count"}
        group = form_group(page, "id_notes")
        assert group.classes >= {"govuk-form-group", "govuk-character-count"}
        assert group.attrs["data-module"] == "govuk-character-count"
        assert group.attrs["data-maxlength"] == "500"
        assert page.by_id("id_notes-info").text == "You can enter up to 500 characters"
        assert "id_notes-info" in described_by(notes)

    def test_radios_are_a_fieldset_with_legend_and_the_first_radio_has_the_field_id(self, page):
        first = page.by_id("id_risk_level")
        assert first.attrs["type"] == "radio"
        assert first.attrs["value"] == "high"
        radios = page.find_all("input", type="radio")
        assert [radio.attrs["id"] for radio in radios] == ["id_risk_level", "id_risk_level_1", "id_risk_level_2"]
        assert all(radio.classes == {"govuk-radios__input"} for radio in radios)
        wrapper = page.find("div", class_="govuk-radios")
        assert wrapper.attrs["data-module"] == "govuk-radios"
        assert len(wrapper.find_all("div", class_="govuk-radios__item")) == 3
        for radio in radios:
            label = page.find("label", **{"for": radio.attrs["id"]})
            assert label.classes == {"govuk-label", "govuk-radios__label"}
        fieldset = next(node for node in first.ancestors() if node.tag == "fieldset")
        assert "govuk-fieldset" in fieldset.classes
        assert fieldset.find("legend").classes >= {"govuk-fieldset__legend"}
        assert fieldset.find("legend").text == "Risk level"
        assert described_by(fieldset) == ["id_risk_level_helptext"]

    def test_checkbox_group_is_a_fieldset_of_govuk_checkboxes(self, page):
        boxes = page.find_all("input", name="agencies")
        assert [box.attrs["id"] for box in boxes] == ["id_agencies", "id_agencies_1", "id_agencies_2"]
        assert all(box.classes == {"govuk-checkboxes__input"} for box in boxes)
        wrapper = next(node for node in boxes[0].ancestors() if "govuk-checkboxes" in node.classes)
        assert wrapper.attrs["data-module"] == "govuk-checkboxes"
        assert page.find("label", **{"for": "id_agencies_2"}).classes == {"govuk-label", "govuk-checkboxes__label"}
        legend = next(node for node in boxes[0].ancestors() if node.tag == "fieldset").find("legend")
        assert legend.text == "Agencies"

    def test_single_checkbox_has_its_label_after_the_box_and_no_optional_marker(self, page):
        box = page.by_id("id_safe_to_call")
        assert box.attrs["type"] == "checkbox"
        assert box.classes == {"govuk-checkboxes__input"}
        item = box.parent
        assert "govuk-checkboxes__item" in item.classes
        label = item.find("label")
        assert label.attrs["for"] == "id_safe_to_call"
        assert label.text == "Safe to call"
        hint = page.by_id("id_safe_to_call_helptext")
        assert hint.classes == {"govuk-hint", "govuk-checkboxes__hint"}
        assert described_by(box) == ["id_safe_to_call_helptext"]

    def test_date_input_is_a_native_date_box_with_iso_value(self):
        form = EveryFieldForm(initial={"incident_date": datetime.date(2026, 3, 5)})
        date = rendered(form).by_id("id_incident_date")
        assert date.attrs["type"] == "date"
        assert date.attrs["value"] == "2026-03-05"
        assert {"govuk-input", "govuk-input--width-10"} <= date.classes

    def test_date_parts_are_three_labelled_boxes_in_a_fieldset(self):
        form = EveryFieldForm(initial={"date_of_birth": datetime.date(1990, 3, 27)})
        page = rendered(form)
        ids = ("id_date_of_birth", "id_date_of_birth_month", "id_date_of_birth_year")
        day, month, year = (page.by_id(element_id) for element_id in ids)
        assert [day.attrs["value"], month.attrs["value"], year.attrs["value"]] == ["27", "3", "1990"]
        assert [day.attrs["name"], month.attrs["name"], year.attrs["name"]] == [
            "date_of_birth_day",
            "date_of_birth_month",
            "date_of_birth_year",
        ]
        assert {"govuk-input", "govuk-date-input__input", "govuk-input--width-2"} <= day.classes
        assert "govuk-input--width-4" in year.classes
        assert all(box.attrs["inputmode"] == "numeric" for box in (day, month, year))
        assert [page.find("label", **{"for": box.attrs["id"]}).text for box in (day, month, year)] == [
            "Day",
            "Month",
            "Year",
        ]
        fieldset = next(node for node in day.ancestors() if node.tag == "fieldset")
        assert fieldset.find("legend").text == "Date of birth"
        assert described_by(fieldset) == ["id_date_of_birth_helptext"]

    def test_datetime_input_is_a_native_datetime_box(self):
        form = EveryFieldForm(initial={"meeting_at": datetime.datetime(2026, 4, 1, 14, 30)})
        meeting_at = rendered(form).by_id("id_meeting_at")
        assert meeting_at.attrs["type"] == "datetime-local"
        assert meeting_at.attrs["value"] == "2026-04-01T14:30"

    def test_hidden_fields_render_bare(self, page):
        token = page.by_id("id_submission_token")
        assert token.attrs["type"] == "hidden"
        assert not any("govuk-form-group" in node.classes for node in token.ancestors())

    def test_every_visible_field_is_in_its_own_form_group(self, page):
        groups = [group for group in page.children if "govuk-form-group" in group.classes]
        assert len(groups) == len(EveryFieldForm().visible_fields())

    def test_no_error_markup_and_no_summary(self, page):
        assert not page.find_all(class_="govuk-error-message")
        assert not page.find_all(class_="govuk-form-group--error")
        assert render_to_string("components/error_summary.html", {"form": EveryFieldForm()}).strip() == ""


class TestWithErrors:
    @pytest.fixture
    def form(self) -> EveryFieldForm:
        form = EveryFieldForm(
            data={
                "email": "not an address",
                "date_of_birth_day": "31",
                "date_of_birth_month": "2",
                "date_of_birth_year": "1990",
                "incident_date": "yesterday",
                "nickname": "clash",
            }
        )
        assert not form.is_valid()
        return form

    @pytest.fixture
    def page(self, form) -> Element:
        return rendered(form)

    @pytest.mark.parametrize(
        ("element_id", "error_class"),
        [
            ("id_name", "govuk-input--error"),
            ("id_email", "govuk-input--error"),
            ("id_children", "govuk-input--error"),
            ("id_summary", "govuk-textarea--error"),
            ("id_language", "govuk-select--error"),
            ("id_incident_date", "govuk-input--error"),
        ],
    )
    def test_inputs_with_errors_get_the_error_class_and_describedby(self, page, element_id, error_class):
        element = page.by_id(element_id)
        assert error_class in element.classes
        assert element.attrs["aria-invalid"] == "true"
        assert f"{element_id}_error" in described_by(element)
        message = page.by_id(f"{element_id}_error")
        assert message.classes == {"govuk-error-message"}
        assert message.text.startswith("Error: ")
        assert message.find("span", class_="govuk-visually-hidden").text == "Error:"
        assert "govuk-form-group--error" in form_group(page, element_id).classes

    def test_hint_and_error_are_both_described(self, page):
        assert described_by(page.by_id("id_name")) == ["id_name_helptext", "id_name_error"]

    def test_fields_without_errors_stay_plain(self, page):
        assert page.by_id("id_nickname").classes == {"govuk-input"}
        assert "govuk-form-group--error" not in form_group(page, "id_nickname").classes
        assert not page.find_all(id="id_nickname_error")

    def test_radio_and_checkbox_groups_describe_the_error_on_their_fieldset(self, page):
        for field_id, message in (("id_risk_level", "Select risk level"), ("id_agencies", "Select agencies")):
            fieldset = next(node for node in page.by_id(field_id).ancestors() if node.tag == "fieldset")
            assert f"{field_id}_error" in described_by(fieldset)
            assert "govuk-form-group--error" in fieldset.parent.classes
            assert fieldset.find(id=f"{field_id}_error").text == f"Error: {message}"

    @pytest.mark.parametrize(
        ("element_id", "message"),
        [
            ("id_name", "Enter name"),
            ("id_children", "Enter children"),
            ("id_summary", "Enter summary"),
            ("id_language", "Select language"),
            ("id_risk_level", "Select risk level"),
            ("id_confirmed", "Select “Confirmed” to continue"),
        ],
    )
    def test_missing_answers_are_named_in_govuk_words(self, page, element_id, message):
        assert page.by_id(f"{element_id}_error").text == f"Error: {message}"
        assert "This field is required" not in page.text

    def test_messages_written_by_the_form_author_are_kept_and_labels_read_well(self):
        class Named(forms.Form):
            victim_name = forms.CharField(error_messages={"required": "Enter the name the victim uses"})
            IDVA_contact = forms.CharField(label="IDVA contact")
            safe_to_call = forms.ChoiceField(label="Is it safe to call?", choices=[("yes", "Yes"), ("no", "No")])

        form = Named(data={})
        page = rendered(form)
        assert page.by_id("id_victim_name_error").text == "Error: Enter the name the victim uses"
        assert page.by_id("id_IDVA_contact_error").text == "Error: Enter IDVA contact"
        assert page.by_id("id_safe_to_call_error").text == "Error: Answer “Is it safe to call?”"
        assert form.errors["IDVA_contact"] == ["This field is required."]

    def test_missing_answers_are_named_in_the_readers_language(self):
        class Named(forms.Form):
            date_of_birth = forms.CharField(label="Fecha de nacimiento")
            language = forms.ChoiceField(label="Idioma", choices=[("es", "Español")])
            safe_to_call = forms.ChoiceField(label="¿Se puede llamar?", choices=[("yes", "Sí")])
            confirmed = forms.BooleanField(label="Confirmado")

        with translation.override("es"):
            page = rendered(Named(data={}))
        assert page.by_id("id_date_of_birth_error").text == "Error: Introduzca: fecha de nacimiento"
        assert page.by_id("id_language_error").text == "Error: Seleccione: idioma"
        assert page.by_id("id_safe_to_call_error").text == "Error: Responda a «¿Se puede llamar?»"
        assert page.by_id("id_confirmed_error").text == "Error: Marque «Confirmado» para continuar"

    def test_impossible_date_keeps_what_was_typed(self, page):
        assert page.by_id("id_date_of_birth_error").text == "Error: Enter a valid date."
        assert page.by_id("id_date_of_birth").attrs["value"] == "31"
        assert page.by_id("id_date_of_birth_month").attrs["value"] == "2"
        assert page.by_id("id_date_of_birth_year").attrs["value"] == "1990"
        assert "govuk-input--error" in page.by_id("id_date_of_birth_year").classes

    def test_single_checkbox_error(self, page):
        assert page.by_id("id_confirmed_error").text == "Error: Select “Confirmed” to continue"
        assert "id_confirmed_error" in described_by(page.by_id("id_confirmed"))

    def test_error_summary_links_land_on_inputs(self, form, page):
        summary = parse(render_to_string("components/error_summary.html", {"form": form}))
        assert summary.find(class_="govuk-error-summary").attrs["data-module"] == "govuk-error-summary"
        links = summary.find_all("a")
        targets = [link.attrs["href"] for link in links]
        expected_fields = [name for name, errors in form.errors.items() if name not in ("__all__", "submission_token")]
        assert len(targets) == len(expected_fields) + 1
        for href in targets:
            assert href.startswith("#")
            target = page.by_id(href[1:])
            assert target.tag in {"input", "select", "textarea"}
            assert target.attrs.get("type") != "hidden"
        assert "#id_risk_level" in targets
        assert page.by_id("id_risk_level").attrs["type"] == "radio"
        assert "#id_date_of_birth" in targets
        assert page.by_id("id_date_of_birth").attrs["name"] == "date_of_birth_day"

    def test_error_summary_shows_form_wide_and_hidden_field_errors(self, form):
        summary = parse(render_to_string("components/error_summary.html", {"form": form}))
        items = [item.text for item in summary.find_all("li")]
        assert "The nickname and name cannot be the same." in items
        assert "Enter name" in items
        form_wide = next(item for item in summary.find_all("li") if "nickname and name" in item.text)
        assert form_wide.find("a").attrs["href"] == "#id_name"
        hidden_errors = [item for item in summary.find_all("li") if not item.find_all("a")]
        assert [item.text for item in hidden_errors] == ["This field is required."]


class TestValuesComeBack:
    def test_valid_data_cleans_to_python_values(self):
        form = EveryFieldForm(data=VALID_DATA, files={"attachment": SimpleUploadedFile("note.txt", b"synthetic")})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["date_of_birth"] == datetime.date(1990, 3, 27)
        assert form.cleaned_data["incident_date"] == datetime.date(2026, 3, 5)
        assert form.cleaned_data["meeting_at"].replace(tzinfo=None) == datetime.datetime(2026, 4, 1, 14, 30)
        assert form.cleaned_data["agencies"] == ["police", "health"]

    @pytest.mark.parametrize(
        ("day", "month", "year"),
        [("27", "3", "90"), ("27", "", "1990"), ("27", "13", "1990"), ("x", "3", "1990")],
    )
    def test_incomplete_or_impossible_date_parts_are_an_error(self, day, month, year):
        data = {**VALID_DATA, "date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year}
        form = EveryFieldForm(data=data)
        assert not form.is_valid()
        assert form.errors["date_of_birth"] == ["Enter a valid date."]

    def test_empty_date_parts_are_missing_not_invalid(self):
        data = {**VALID_DATA, "date_of_birth_day": "", "date_of_birth_month": "", "date_of_birth_year": ""}
        form = EveryFieldForm(data=data)
        assert not form.is_valid()
        assert form.errors["date_of_birth"] == ["This field is required."]

    def test_selected_values_are_checked_again_after_an_error(self):
        form = EveryFieldForm(data={**VALID_DATA, "name": ""})
        page = rendered(form)
        assert "checked" in page.by_id("id_risk_level").attrs
        assert "checked" not in page.by_id("id_risk_level_1").attrs
        assert "checked" in page.by_id("id_agencies").attrs
        assert "checked" in page.by_id("id_agencies_2").attrs
        assert "selected" in page.find("option", value="en").attrs


class TestOneField:
    def test_as_field_group_renders_one_whole_group(self):
        form = EveryFieldForm(data={})
        group = parse(form["risk_level"].as_field_group())
        (root,) = group.children
        assert root.classes == {"govuk-form-group", "govuk-form-group--error"}
        assert root.find("legend").text == "Risk level"
        assert len(root.find_all("input", type="radio")) == 3

    def test_iterating_radios_by_hand_gives_the_same_ids(self):
        field = EveryFieldForm()["risk_level"]
        assert [radio.id_for_label for radio in field] == ["id_risk_level", "id_risk_level_1", "id_risk_level_2"]
        first = parse(field[0].tag()).find("input")
        assert first.attrs["id"] == "id_risk_level"
        assert first.classes == {"govuk-radios__input"}

    def test_classes_set_on_a_widget_are_kept(self):
        class Narrow(forms.Form):
            postcode = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
            answer = forms.ChoiceField(
                choices=[("yes", "Yes"), ("no", "No")],
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
            )

        page = rendered(Narrow())
        assert page.by_id("id_postcode").classes == {"govuk-input", "govuk-input--width-10"}
        assert page.find("div", class_="govuk-radios").classes == {"govuk-radios", "govuk-radios--inline"}
        assert page.by_id("id_answer").classes == {"govuk-radios__input"}
