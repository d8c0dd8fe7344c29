# The README's commands: `make site` builds the edition into site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: site docs check serve test system-deps clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

docs: $(INSTALLED)
	$(PY) -m build_tools docs

site: $(INSTALLED)
	$(PY) -m build_tools site

serve: site
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# The browser tests drive Debian's Chromium; fonts-noto-cjk renders the Chinese in screenshots.
system-deps:
	@command -v chromium >/dev/null && fc-list | grep -q "Noto Serif CJK" || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	  else echo "missing Chromium or Noto CJK fonts — run: sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; fi; }

test: $(INSTALLED) system-deps
	$(PY) -m pytest

clean:
	rm -rf site build $(VENV)
