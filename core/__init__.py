"""The foundation: records between stages, the indicator catalog, the township registry, units.

Imports nothing of ours."""
