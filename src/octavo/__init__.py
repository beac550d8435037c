"""octavo: manuscripts to a store-ready EPUB 3 and a print-ready PDF."""

__version__ = "0.1.0"
