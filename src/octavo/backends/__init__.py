"""Backends by name. Each is imported only when used, so an EPUB build never loads WeasyPrint."""

from __future__ import annotations

import importlib

from octavo.backends.base import Backend

REGISTRY: dict[str, str] = {
    "epub": "octavo.backends.epub:EpubBackend",
    "pdf": "octavo.backends.pdf:PdfBackend",
}


def load_backend(name: str) -> Backend:
    module_name, class_name = REGISTRY[name].split(":")
    backend_class = getattr(importlib.import_module(module_name), class_name)
    backend: Backend = backend_class()
    return backend
