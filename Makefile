# The README's commands: `make site` builds the edition into site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Reproducible builds: every date the build writes (sitemap, PDFs) comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: site docs check serve test system-deps fonts clean register release bench audit

EDITION_VERSION = $(shell sed -n '/^  edition:/,/^  [a-z]/s/^    version: *//p' mkdocs.yml)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

docs: $(INSTALLED)
	$(PY) -m build_tools docs

site: $(INSTALLED) fonts
	$(PY) -m build_tools site

# The print edition is set in Noto Serif CJK SC and Noto Serif (Debian fonts-noto-cjk, fonts-noto-core).
fonts:
	@fc-list : family | grep -q "Noto Serif CJK SC" && fc-list : family | grep -qx "Noto Serif" || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-noto-core; \
	  else echo "missing print fonts — run: sudo apt-get install fonts-noto-cjk fonts-noto-core" >&2; exit 1; fi; }

# Record the release in extra.edition of mkdocs.yml and its anchors in source_texts/registry/anchors.yml.
register: $(INSTALLED)
	$(PY) -m build_tools register

# Publish the release on the gh-pages branch: archived under /<version>/ with a `latest` alias and
# Material's version selector (mike), and at the root, where the stable /<id>/#p12 URLs live.
release: site
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" mike deploy --update-aliases "$(EDITION_VERSION)" latest
	rm -rf build/gh-pages && git worktree add -f build/gh-pages gh-pages
	cd build/gh-pages && find . -mindepth 1 -maxdepth 1 ! -name .git ! -name versions.json ! -name latest \
	  ! -regex './[0-9][0-9.]*' -exec rm -rf {} +
	cp -r site/. build/gh-pages/ && git -C build/gh-pages checkout -- versions.json
	cp -r site/pdf "build/gh-pages/$(EDITION_VERSION)/"
	cd build/gh-pages && git add -A && git commit -qm "Edition $(EDITION_VERSION) at the site root" || true
	git worktree remove --force build/gh-pages

serve: site
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# The browser tests drive Debian's Chromium; the PDF tests read PDFs with poppler-utils.
system-deps: fonts
	@command -v chromium >/dev/null && command -v pdffonts >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; \
	  else echo "missing Chromium or poppler-utils — run: sudo apt-get install chromium poppler-utils" >&2; exit 1; fi; }

# axe-core and the Nu HTML Checker (npm; the checker runs on Java) check the built pages.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Zensical, Material's successor (the newest version pip can install here), builds the same docs/ in
# the portability test; where it cannot be installed the test says so and is skipped.
$(VENV)/.zensical: $(INSTALLED)
	$(PY) -m pip install --quiet zensical || echo "zensical could not be installed: its portability test will be skipped"
	touch $@

test: $(INSTALLED) system-deps node_modules/.installed $(VENV)/.zensical
	$(PY) -m pytest

# A benchmark, not a test: the whole-edition PDF, then synthetic corpora of 20, 100 and 500 documents
# through every stage against a plain Material build (reports in build/bench/). SIZES="20 100" for
# less; BENCH_PDF_MAX=500 to include the PDF stage at 500 documents (about an hour here).
SIZES ?= 20 100 500
BENCH_PDF_MAX ?= 100
bench: $(INSTALLED) fonts
	$(PY) bench/pdf_bench.py
	BENCH_PDF_MAX=$(BENCH_PDF_MAX) $(PY) bench/scale_bench.py $(SIZES)

# Lighthouse (mobile) on every page type, served compressed; scores in build/audit/report.json.
audit: site system-deps
	$(PY) bench/audit.py

clean:
	rm -rf site build $(VENV)
