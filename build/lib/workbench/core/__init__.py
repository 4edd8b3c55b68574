"""Core: the tables' schema, the error family, reports and packaged resources.

Imports nothing else of workbench."""
