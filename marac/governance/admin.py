"""Versions and signatures are evidence of what each agency agreed to: they are published and signed through the
governance pages, which audit every change, and never edited here."""

from django.contrib import admin

from marac.governance.models import Document, DocumentVersion, ReviewReminder, Signature
from marac.read_only_admin import ReadOnlyAdmin


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["locality", "kind"]
    list_filter = ["locality", "kind"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "label", "effective_on", "review_on", "published_at", "published_by"]
    list_filter = ["document__locality", "document__kind"]
    list_select_related = ["document__locality", "published_by"]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["version", "agency", "signer_name", "signer_role", "signed_at"]
    list_filter = ["version__document__locality", "version__document__kind"]
    list_select_related = ["version__document__locality", "agency"]


@admin.register(ReviewReminder)
class ReviewReminderAdmin(ReadOnlyAdmin):
    list_display = ["version", "due_on", "recorded_at"]
    list_select_related = ["version__document__locality"]
