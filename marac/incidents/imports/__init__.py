"""Bulk import of incidents from an agency system's CSV export (the schema is in docs/incident-import.md).

`parsing` reads and checks the file row by row, `people` gives each person the file names one identity,
`loading` writes the good rows (COPY and set-based SQL on PostgreSQL, batched `bulk_create` elsewhere) and
`services.incident_import` runs an import from start to finish, for the web pages and the `import_incidents`
command alike.
"""
