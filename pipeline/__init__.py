"""The pipeline's stage functions (discover, extract, validate, load) and the spool between them."""
