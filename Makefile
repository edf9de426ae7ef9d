# shequbao: `make site` builds the sample paper into site/, `make test` runs every test.
# Both create .venv and install what they need (Debian packages via scripts/install-system-deps.sh).
# Every other command is ./sqb (./sqb new issue, ./sqb check, ./sqb publish …; ./sqb -h lists them).

PYTHON ?= python3
VENV   ?= $(or $(SHEQUBAO_VENV),.venv)
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast check install clean

# Builds into site.building/ and replaces site/ only when the build succeeds.
site: $(VENV)/.installed
	$(BIN)/shequbao build
	@echo
	@echo "网站已生成到 site/ 文件夹。本机预览：make serve，然后用浏览器打开 http://127.0.0.1:8000/"

# ISSUES=all shows every issue in the preview (default: the newest 3); ISSUES=2012-07 one issue.
serve: $(VENV)/.installed
	SHEQUBAO_PREVIEW="$(ISSUES)" exec $(BIN)/mkdocs serve --livereload

check: $(VENV)/.installed
	$(BIN)/shequbao check content

install: $(VENV)/.installed

# The permission tests run a second time without root's power over file modes (scripts/test-as-user.sh).
# Two processes (pytest-xdist), each taking whole test files (a file's built site is made once).
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=20
	bash scripts/test-as-user.sh

# The quick loop while working: every test but those marked slow (real builds, print editions,
# servers) or browser (chromium), and an import of every module; under a minute.
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not slow and not browser"

$(VENV)/.installed: pyproject.toml scripts/install-system-deps.sh
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "没有 $(PYTHON)：请用管理员身份运行 apt-get install python3 python3-venv" >&2; exit 1; }
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

# make's own message for a target it does not know, in Chinese.
.DEFAULT:
	$(error 没有“$@”这个目标。可以用：make site（生成网站）、make serve（预览）、make test（测试）、make test-fast（快速测试）、make install（安装）；其他命令用 ./sqb，例如 ./sqb check、./sqb -h)
