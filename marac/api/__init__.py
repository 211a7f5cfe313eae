"""The REST API for police and agency systems (docs/api.md): the same services, selectors and rulebook as the pages."""
