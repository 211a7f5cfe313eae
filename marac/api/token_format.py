"""The shape of a token: `marac_<prefix>_<secret>`. The prefix finds the row; only the secret's hash is stored.

The secret is 32 random bytes, so a single SHA-256 is enough to keep it: nobody can guess it from its hash, and
checking it costs nothing per call (a slow password hash would, on every request).
"""

import hashlib
import hmac
import secrets
from typing import NamedTuple

SCHEME = "marac"


class PresentedToken(NamedTuple):
    prefix: str
    secret: str


def new_prefix() -> str:
    return secrets.token_hex(6)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(secret_hash(secret), stored_hash)


def token_text(prefix: str, secret: str) -> str:
    return f"{SCHEME}_{prefix}_{secret}"


def parse(text: str) -> PresentedToken | None:
    """The prefix and secret of a presented token, or None when it is not in our shape at all."""
    scheme, _, rest = text.partition("_")
    prefix, _, secret = rest.partition("_")
    if scheme != SCHEME or not prefix or not secret:
        return None
    return PresentedToken(prefix=prefix, secret=secret)
