"""The kernel: what every app may import and that imports no app of ours.

The clock, application errors, the client's network address, path converters, the bounds
of uploaded tables, form helpers, the time zones, on-commit domain events and the
``latih_format`` template filters. Nothing here knows a course, a person or a cohort.
"""
