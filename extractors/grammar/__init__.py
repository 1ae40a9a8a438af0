"""The statistics grammar: a `Document` in, facts and classified `Statistic`s out."""
