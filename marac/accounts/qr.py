"""The authenticator app's set-up link as a QR code: SVG markup to place in the page (no image, no script)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, title: str) -> SafeString:
    code = segno.make(text, error="m")
    # segno writes the markup itself, from the text and the title it escapes: nothing else goes into it.
    return mark_safe(code.svg_inline(scale=5, dark="#0b0c0c", light="#ffffff", title=title, svgclass="marac-qr"))
