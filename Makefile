# Quick start: `make build` then `make test`. Each target does all of its own set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
BOOK   ?= manuscripts/book.yaml
SOURCES := pyproject.toml $(shell find src styles -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: build test lint typecheck bench look sysdeps clean

build: $(VENV)/.installed
	$(BIN)/octavo build $(BOOK) -o dist

test: $(VENV)/.installed-test sysdeps node_modules/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadgroup

bench: $(VENV)/.installed-test sysdeps
	$(BIN)/python benchmarks/run.py
	-$(BIN)/python benchmarks/speed.py
	-$(BIN)/python benchmarks/normalise.py
	$(BIN)/python benchmarks/check_speed.py
	$(BIN)/python benchmarks/check_quality/run.py
	$(BIN)/python benchmarks/normalise_sweep.py
	$(BIN)/python benchmarks/hardening.py
	$(BIN)/python benchmarks/covers.py
	$(BIN)/python benchmarks/epub_pagelist.py
	$(BIN)/python benchmarks/docx_read.py
	$(BIN)/python benchmarks/print_shop.py
	$(BIN)/python benchmarks/fidelity.py
	$(BIN)/python benchmarks/authoring_loop.py
	$(BIN)/python benchmarks/typesetting.py

# The README's pictures of the sample (an opening, a body spread, the contents) in docs/, and
# every page of the sample PDF as PNG in dist/pages/ to look at.
look: build sysdeps
	$(BIN)/python docs/make_look.py dist/after-the-real-folk-blues.pdf docs
	rm -rf dist/pages && mkdir -p dist/pages
	pdftoppm -r 60 -png dist/after-the-real-folk-blues.pdf dist/pages/page

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip hatchling setuptools wheel  # wheel: odfpy is an sdist

# A regular (non-editable) install, so every run proves the wheel carries styles and templates.
$(VENV)/.installed: $(BIN)/python $(SOURCES)
	$(BIN)/pip install --quiet --no-build-isolation .
	touch $@

$(VENV)/.installed-test: $(BIN)/python $(SOURCES)
	$(BIN)/pip install --quiet --no-build-isolation ".[test]"
	touch $@ $(VENV)/.installed

# System packages: poppler-utils (pdffonts, pdftotext, pdftoppm) for the tests, a Java
# development kit for EPUBCheck (the tests run it on many books in one JVM, from a one-file Java
# program, which needs the compiler), Enchant with the hunspell en-US/en-GB dictionaries for the
# spelling checks, Chromium for DAISY Ace and the reading-system test, and HarfBuzz's subsetter,
# which WeasyPrint prefers to fontTools for embedding fonts (faster). Installed with apt-get when missing (these machines run as root).
sysdeps:
	@command -v pdffonts >/dev/null && command -v pdftoppm >/dev/null || \
	  { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }
	@ldconfig -p | grep -q libharfbuzz-subset || \
	  { apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0 >/dev/null || true; }
	@command -v javac >/dev/null || \
	  { flock /tmp/apt.lock sh -c 'apt-get update -qq && apt-get install -y -qq default-jdk-headless >/dev/null'; }
	@command -v chromium >/dev/null || \
	  { flock /tmp/apt.lock sh -c 'apt-get update -qq && apt-get install -y -qq chromium >/dev/null'; }
	@# Enchant and the hunspell dictionaries: `octavo check` spells words (OCT347, OCT382).
	@ldconfig -p | grep -q libenchant-2 && test -f /usr/share/hunspell/en_US.dic && \
	  test -f /usr/share/hunspell/en_GB.dic || \
	  { flock /tmp/apt.lock sh -c 'apt-get update -qq && apt-get install -y -qq \
	      libenchant-2-2 hunspell-en-us hunspell-en-gb >/dev/null'; }
	@# SCOWL's largest word lists: older and dialect spellings are words, not typos (OCT347).
	@test -f /usr/share/dict/british-english-insane && \
	  test -f /usr/share/dict/american-english-insane || \
	  { flock /tmp/apt.lock sh -c 'apt-get update -qq && apt-get install -y -qq \
	      wbritish-insane wamerican-insane >/dev/null'; }

# The test suite's browser-side tools, from the npm registry into node_modules/ (git-ignored):
# DAISY Ace, the accessibility checker, and epub.js, the reading system the tests page through
# in Chromium. --ignore-scripts: no download of a browser of their own; the tests use Debian's.
node_modules/.installed: package.json package-lock.json
	npm install --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache node_modules tests/output
