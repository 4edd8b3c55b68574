"""Storage: the workspace's Parquet store of annotations, the load cache and DuckDB queries."""
