"""The API's views: thin, like the pages' (guard, fetch, serializer, service), over the same services and selectors."""
