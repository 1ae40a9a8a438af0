"""township-rollup: township rule-of-law reports in, county comparison tables out."""

__version__ = "0.1.0"
