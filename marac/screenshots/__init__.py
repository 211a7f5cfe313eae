"""Screenshots of the key pages of the demo locality, for the README and the guides (`manage.py screenshots`)."""
