"""The sample-report generator: the bundled sample county, the benchmarks' corpora, test reports."""
