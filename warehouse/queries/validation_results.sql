-- Each run's tally per validation rule.
SELECT load_id, rule, severity, checked, failed FROM validation_results ORDER BY load_id, rule
