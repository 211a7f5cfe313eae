"""How a delivery is signed, the one rule the receiver repeats to verify it (docs/webhooks.md).

The signed string is `<t>.<body>`: the Unix time of the attempt, a full stop, and the exact bytes of the body. Signing
the time with the body lets a receiver refuse an old delivery replayed by someone who recorded it.
"""

import hashlib
import hmac
import json
import secrets

SIGNATURE_HEADER = "X-Marac-Signature"
EVENT_HEADER = "X-Marac-Event"
DELIVERY_HEADER = "X-Marac-Delivery"


def new_secret() -> str:
    """32 random bytes as 64 hex digits; the key is the text itself, as ASCII."""
    return secrets.token_hex(32)


def body_bytes(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The header value: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"
