"""The county office's workbench: a local web application from reports in to a checked table out.

`township-rollup serve` starts it (serve.py); app.py builds the FastAPI application. It holds no database
connection between requests (warehouse_access.py) and runs ingestion through the same Prefect flow as the CLI,
in a process of its own (ingest_job.py).
"""
