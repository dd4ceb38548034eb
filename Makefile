# The README's two commands: `make site` (build and check every language) and `make test`.
# Every target is a thin wrapper over the `trygg` command installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Material prints an end-of-life notice on every build; the README says what we plan.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve status new-page move-page new-lang benchmark clean system-site system-test

# The system packages each command needs (scripts/setup-system: a quick look when all are
# there; installs what is missing on Debian or Ubuntu, or says the one command to run).
system-site:
	@$(PYTHON) scripts/setup-system site
system-test:
	@$(PYTHON) scripts/setup-system test

$(INSTALLED): pyproject.toml scripts/constraints.txt scripts/browser/package.json scripts/browser/package-lock.json \
		| system-site
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c scripts/constraints.txt -e '.[test]'
	npm ci --silent --prefix scripts/browser
	touch $@

site: system-site $(INSTALLED)
	$(BIN)/trygg build

test: system-test $(INSTALLED)
	$(BIN)/python -m pytest

check: system-site $(INSTALLED)
	$(BIN)/trygg check

clean:
	rm -rf site .site-build-* tests/artifacts

# make serve (every language) or make serve ONLY=ar (one language)
serve: $(INSTALLED)
	$(BIN)/trygg serve $(if $(ONLY),--lang $(ONLY))

status: $(INSTALLED)
	$(BIN)/trygg status

# make new-page PAGE=gangsnacket/varningstecken TITLE="Varningstecken"
new-page: $(INSTALLED)
	$(BIN)/trygg new-page "$(PAGE)" --title "$(TITLE)"

# make move-page FROM=gangsnacket/varningstecken TO=gangsnacket/tecken-att-se-upp-med
move-page: $(INSTALLED)
	$(BIN)/trygg move-page "$(FROM)" "$(TO)"

# make new-lang LANG=fi
new-lang: $(INSTALLED)
	$(BIN)/trygg new-lang "$(LANG)"

# Speed and weight on the real site (never in the tests): see README, "Benchmark".
benchmark: $(INSTALLED)
	npm ci --silent --prefix scripts/benchmark
	$(BIN)/trygg benchmark
