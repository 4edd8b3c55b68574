"""Analysts' corrections: the append-only log, replaying it onto statements, and agreement."""
