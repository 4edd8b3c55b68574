"""Fixtures shared by the storage tests."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest


@pytest.fixture
def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files the loader reads (the real reader still runs)."""
    read_module = importlib.import_module("workbench.ingest.read")
    names: list[str] = []
    original = read_module.read_into

    def counting(loaded, item, options, **kwargs):
        names.append(Path(item.path).name)
        return original(loaded, item, options, **kwargs)

    # The reader of one item, in the batch reader and in load_articles' own loop.
    for module in (read_module, importlib.import_module("workbench.ingest.pipeline")):
        monkeypatch.setattr(module, "read_into", counting)
    return names
