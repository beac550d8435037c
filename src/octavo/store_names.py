"""The store flavours `octavo build --store` writes (backends/stores.py makes them). A module
of its own so that the command line knows the names without importing the EPUB backend."""

STORES = ("kobo", "apple", "google", "kindle", "generic")
