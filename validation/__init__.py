"""Great Expectations validation of one batch of extractions.

`validation.validate.validate(...)` -> ValidatedBatch (findings: errors quarantine, warnings load);
`validation.summary.validation_summary(batch)` -> per-rule counts for the warehouse. Rule codes live in
`validation.rules`, the GX suites in `validation.suites`. GX is imported on the first batch with
something to validate, never on import of this package.
"""
