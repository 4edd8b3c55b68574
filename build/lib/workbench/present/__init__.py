"""Presentation: plotly charts, ipywidgets, the review widget and the shared HTML report."""
