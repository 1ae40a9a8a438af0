"""The DuckDB warehouse: schema, loading, comparison and exports (see warehouse/README.md)."""
