# shequbao: `make site` builds the sample paper into site/, `make test` runs every test.
# Both create .venv and install what they need (Debian packages via scripts/install-system-deps.sh).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check clean

# Builds into site.building/ and replaces site/ only when the build succeeds.
site: $(VENV)/.installed
	$(BIN)/shequbao build
	@echo
	@echo "网站已生成到 site/ 文件夹。本机预览：make serve，然后用浏览器打开 http://127.0.0.1:8000/"

# ISSUES=all shows every issue in the preview (default: the newest 3); ISSUES=2012-07 one issue.
serve: $(VENV)/.installed
	SHEQUBAO_PREVIEW="$(ISSUES)" $(BIN)/mkdocs serve --livereload

check: $(VENV)/.installed
	$(BIN)/shequbao check content

# The permission tests run a second time without root's power over file modes (scripts/test-as-user.sh).
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest
	bash scripts/test-as-user.sh

$(VENV)/.installed: pyproject.toml scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	bash scripts/install-system-deps.sh --test
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf site .cache
