"""Printable documents: decisions, council minutes and proposals as PDF and Word, signed PDFs."""
