"""Readers: a file (.docx, .pdf, .doc/.wps, .txt, .html) in, a `core.records.Document` out."""
