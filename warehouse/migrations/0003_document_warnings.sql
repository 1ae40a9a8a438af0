-- Migration 0003: what a reader could not read of a loaded document (issue 16).
--
-- A report whose numbers were silently lost looks, in the county table, like a township that did
-- little. Readers check their coverage (extractors/readers/coverage.py) and say what they could not
-- read; those warnings are kept per document, and counted per load.

CREATE TABLE document_warnings (
    document_sha VARCHAR NOT NULL,
    position     INTEGER NOT NULL,
    kind         VARCHAR NOT NULL,
    page         INTEGER,
    message      VARCHAR NOT NULL,
    load_id      VARCHAR NOT NULL,
    PRIMARY KEY (document_sha, position)
);
COMMENT ON TABLE document_warnings IS 'What the reader could not read of a loaded or quarantined document (its statistics may be incomplete: check the original). One row per warning; a document without rows was read whole.';
COMMENT ON COLUMN document_warnings.document_sha IS 'documents.sha256 of the document.';
COMMENT ON COLUMN document_warnings.position IS 'Order of the warning within its document (0-based).';
COMMENT ON COLUMN document_warnings.kind IS 'text_unread (characters the file holds that are missing from the text read), page_unread (a scanned PDF page that could not be OCR''d), part_unread (a part imported into a Word body, w:altChunk, that could not be read).';
COMMENT ON COLUMN document_warnings.page IS '1-based page the warning is about; NULL for the whole document.';
COMMENT ON COLUMN document_warnings.message IS 'The warning in Chinese, for a clerk, e.g. 第2页的文字未能全部读取（约 40 个字，12%），请核对原件.';
COMMENT ON COLUMN document_warnings.load_id IS 'loads.load_id of the run that read the document.';

ALTER TABLE loads ADD COLUMN documents_with_warnings INTEGER NOT NULL DEFAULT 0;
COMMENT ON COLUMN loads.documents_with_warnings IS 'Documents of the run loaded (or quarantined) with reader warnings (document_warnings): check them against the original.';
