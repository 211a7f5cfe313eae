"""Incident imports as their pages show them: counts, status, and the problems by row and field."""

from rest_framework import serializers

from marac.incidents.models import ImportStatus


class ImportUploadSerializer(serializers.Serializer):
    """What the import page's form takes (`IncidentImportForm` checks it): documents the multipart body."""

    file = serializers.FileField(help_text="The agency system's CSV export (docs/incident-import.md), UTF-8, .csv.")
    source_agency = serializers.IntegerField(
        required=False, help_text="The coordinator's choice of agency; an agency's system imports its own."
    )
    keep_good_rows = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Import the good rows and keep the bad ones; otherwise any bad row imports nothing.",
    )


class ImportSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    file_name = serializers.CharField()
    file_sha256 = serializers.CharField()
    source_agency = serializers.CharField(source="source_agency.name")
    status = serializers.ChoiceField(choices=ImportStatus.choices)
    keep_good_rows = serializers.BooleanField()
    rows_total = serializers.IntegerField()
    rows_read = serializers.IntegerField()
    rows_imported = serializers.IntegerField(help_text="New incidents.")
    rows_already_known = serializers.IntegerField(help_text="Incidents the agency had sent before: left as they are.")
    rows_bad = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class ProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The row of the file, counting the header as row 1.")
    field = serializers.CharField(help_text="The column; empty for a problem with the whole row or file.")
    reason = serializers.CharField()


class ProblemsPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = ProblemSerializer(many=True)


class ImportSerializer(ImportSummarySerializer):
    problems = ProblemsPageSerializer(help_text="The bad rows' problems, a page at a time (`?page=`).")
