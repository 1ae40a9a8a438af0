"""Every SQL statement the loader and readers run, as named constants with ? parameters.

Bulk inserts pass one Python list per column and unnest them together (one statement per
table per load, not one per row). Nothing here is ever formatted with data.
"""

TABLE_EXISTS = """
SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?
"""

KNOWN_HASHES = "SELECT sha256 FROM documents WHERE status IN ('loaded', 'quarantined')"

HEADLINE_VALUES = """
SELECT township, year, indicator, value FROM v_headline WHERE year IN (SELECT unnest(?::INTEGER[]))
"""

LOAD_STATUS = "SELECT status FROM loads WHERE load_id = ?"
DELETE_FAILED_LOAD = "DELETE FROM loads WHERE load_id = ? AND status = 'failed'"

STORED_DOCUMENTS = """
SELECT sha256, status, file_name, township, year
FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))
"""

CURRENT_DOCUMENTS = """
SELECT township, year, sha256 FROM documents
WHERE is_current AND status = 'loaded' AND year IS NOT NULL AND township IN (SELECT unnest(?::VARCHAR[]))
"""

UPSERT_REGISTRY_TOWNSHIPS = """
INSERT INTO townships (name, county, code, aliases, source, added_at)
SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[][]), 'registry', ?
ON CONFLICT (name) DO UPDATE SET county = coalesce(excluded.county, townships.county), code = excluded.code,
    aliases = excluded.aliases, source = 'registry'
"""

INSERT_FOUND_TOWNSHIPS = """
INSERT INTO townships (name, county, code, aliases, source, added_at)
SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), NULL, []::VARCHAR[], 'found', ?
ON CONFLICT (name) DO NOTHING
"""

MARK_INDICATORS_OUT_OF_CATALOG = "UPDATE indicators SET in_catalog = false, position = NULL WHERE in_catalog"

UPSERT_CATALOG_INDICATORS = """
INSERT INTO indicators (code, name, unit, parent, in_catalog, position, section, section_name, aggregate, better,
                        adds, rate_numerator, rate_denominator)
SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), true,
       unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
       unnest(?::VARCHAR[][]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])
ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit, parent = excluded.parent,
    in_catalog = true, position = excluded.position, section = excluded.section,
    section_name = excluded.section_name, aggregate = excluded.aggregate, better = excluded.better,
    adds = excluded.adds, rate_numerator = excluded.rate_numerator, rate_denominator = excluded.rate_denominator
"""

INSERT_UNKNOWN_INDICATORS = """
INSERT INTO indicators (code, name, unit, parent, in_catalog, position)
SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), NULL, NULL, false, NULL
ON CONFLICT (code) DO NOTHING
"""

DELETE_DOCUMENTS = "DELETE FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))"

INSERT_DOCUMENTS = """
INSERT INTO documents (sha256, file_name, path, format, pages, size_bytes, file_mtime, township,
                       township_as_written, county, province, year, title, status, error, error_kind, ocr,
                       text_chars, ingested_at, load_id, superseded_by, is_current, heading_count)
SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
       unnest(?::INTEGER[]), unnest(?::BIGINT[]), unnest(?::TIMESTAMP[]), unnest(?::VARCHAR[]),
       unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]),
       unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
       unnest(?::BOOLEAN[]), unnest(?::INTEGER[]), ?, ?, unnest(?::VARCHAR[]), unnest(?::BOOLEAN[]),
       unnest(?::INTEGER[])
"""

DELETE_HEADINGS_OF = "DELETE FROM headings WHERE document_sha IN (SELECT unnest(?::VARCHAR[]))"
INSERT_HEADINGS = """
INSERT INTO headings (document_sha, ordinal, level, text, start_offset, page)
SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]),
       unnest(?::INTEGER[]), unnest(?::INTEGER[])
"""

# The report parts of the bundled catalog, rewritten by every load (like the indicators).
DELETE_REPORT_PARTS = "DELETE FROM report_parts"
INSERT_REPORT_PARTS = """
INSERT INTO report_parts (code, name, short, position, cues)
SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]),
       unnest(?::VARCHAR[][])
"""

SUPERSEDE_DOCUMENT = "UPDATE documents SET superseded_by = ?, is_current = false WHERE sha256 = ?"

INSERT_STATISTICS = """
INSERT INTO statistics (document_sha, ordinal, indicator, value, unit, qualifier, quote, page, start_offset,
                        end_offset, heading_path, ocr, load_id, role, confidence, evidence, context)
SELECT sha, ordinal, indicator, value, unit, qualifier, quote, page, start_offset, end_offset, heading_path, ocr,
       load_id, role, confidence,
       struct_pack(cue := cue, place := place, distance := distance, generic := generic, rule := rule,
                   role_by := role_by),
       context
FROM (
    SELECT unnest(?::VARCHAR[]) AS sha, unnest(?::INTEGER[]) AS ordinal, unnest(?::VARCHAR[]) AS indicator,
           unnest(?::DOUBLE[]) AS value, unnest(?::VARCHAR[]) AS unit, unnest(?::VARCHAR[]) AS qualifier,
           unnest(?::VARCHAR[]) AS quote, unnest(?::INTEGER[]) AS page, unnest(?::INTEGER[]) AS start_offset,
           unnest(?::INTEGER[]) AS end_offset, unnest(?::VARCHAR[][]) AS heading_path, unnest(?::BOOLEAN[]) AS ocr,
           ? AS load_id, unnest(?::VARCHAR[]) AS role, unnest(?::DOUBLE[]) AS confidence,
           unnest(?::VARCHAR[]) AS cue, unnest(?::VARCHAR[]) AS place, unnest(?::INTEGER[]) AS distance,
           unnest(?::BOOLEAN[]) AS generic, unnest(?::VARCHAR[]) AS rule, unnest(?::VARCHAR[]) AS role_by,
           unnest(?::VARCHAR[]) AS context
)
"""

INSERT_QUARANTINE = """
INSERT INTO quarantine (load_id, kind, document_sha, statistic_ordinal, township, year, indicator, data, rule,
                        severity, reason, quarantined_at)
SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]),
       unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])::JSON, unnest(?::VARCHAR[]),
       unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?
"""

INSERT_WARNINGS = """
INSERT INTO warnings (load_id, document_sha, statistic_ordinal, rule, reason, created_at)
SELECT ?, unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?
"""

INSERT_LOAD_FILES = """
INSERT INTO load_files (load_id, path, file_name, sha256, outcome, township, year, reason)
SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),
       unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[])
"""

INSERT_LOAD = """
INSERT INTO loads (load_id, started_at, finished_at, source, county, status, error, files, documents_loaded,
                   documents_unchanged, documents_rejected, documents_quarantined, documents_superseded,
                   statistics_loaded, statistics_quarantined, warnings, validation_seconds, data_docs,
                   documents_with_warnings)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

# The readers' warnings of the documents a load writes (a replaced rejected row had none).
INSERT_DOCUMENT_WARNINGS = """
INSERT INTO document_warnings (document_sha, position, kind, page, message, load_id)
SELECT unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::VARCHAR[]), ?
"""

DELETE_VALIDATION_RESULTS = "DELETE FROM validation_results WHERE load_id = ?"

INSERT_VALIDATION_RESULTS = """
INSERT INTO validation_results (load_id, rule, severity, checked, failed)
SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]), unnest(?::INTEGER[])
"""

# The headlines of the townships a load touched, recomputed inside the load's transaction.
DELETE_HEADLINES = "DELETE FROM headlines WHERE township IN (SELECT unnest(?::VARCHAR[]))"
HEADLINE_COLUMNS = """township, year, county, province, indicator, value, unit, catalog_unit, qualifier, quote, page,
       is_total, document_sha, file_name, title, ocr, mentions, ordinal"""
INSERT_HEADLINES = f"""
INSERT INTO headlines ({HEADLINE_COLUMNS})
SELECT {HEADLINE_COLUMNS}
FROM v_headline_computed WHERE township IN (SELECT unnest(?::VARCHAR[]))
"""
# All of them, for a warehouse written before the headlines table existed (and for bulk builds).
REBUILD_HEADLINES = f"""
INSERT INTO headlines ({HEADLINE_COLUMNS})
SELECT {HEADLINE_COLUMNS}
FROM v_headline_computed ORDER BY year, county, township
"""
HEADLINES_MISSING = "SELECT NOT EXISTS (FROM headlines) AND EXISTS (FROM documents WHERE status = 'loaded')"
