"""Documents rendered to PDF on the server from templates that carry their own styles and fetch nothing."""

from django.http import HttpResponse


def _refuse_fetch(url: str, *args, **kwargs) -> dict:
    raise ValueError(f"A print template fetches nothing: refused {url[:80]!r}")


def html_to_pdf(html: str) -> bytes:
    """Whatever text the document holds, no URL in it is fetched: a link in a free-text field stays a string."""
    # Imported here: WeasyPrint loads Pango when imported, and only the downloads need it.
    from weasyprint import HTML

    return HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).write_pdf()


def pdf_download(document: bytes, filename: str) -> HttpResponse:
    """A PDF as an attachment that no cache keeps: the documents are restricted or hold unsuppressed counts."""
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
