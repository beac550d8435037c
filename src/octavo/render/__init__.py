"""Rendering helpers shared by every backend: IR → escaped XHTML, and the jinja2 environment."""
