"""Analysis on DataFrames: coverage over time, comparisons, amplification, concordance,
networks and evaluation."""
