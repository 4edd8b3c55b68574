"""Scale: the same pipeline on a Dask cluster, or streamed a partition at a time."""
