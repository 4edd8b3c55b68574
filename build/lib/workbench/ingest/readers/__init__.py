"""Readers: one module per family of file formats, each yielding raw articles or problems."""
