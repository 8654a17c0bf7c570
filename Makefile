# One entry point for tooling. `make test` on a fresh machine installs what it needs.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)

.PHONY: install browser cairo nginx redis axe engines js run serve test test-fast test-js lint typecheck unit geodata check export site bench bench-first-visit bench-views bench-load

$(STAMP): pyproject.toml requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(STAMP)

# Debian's Chromium for the browser tests (Playwright's own browser download does not work offline),
# and libcairo2 for the static edition's PNG maps, which the tests build too.
browser: cairo
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

cairo:
	@dpkg -s libcairo2 >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq libcairo2 >/dev/null)

# axe-core from npm (pinned in tests/e2e/axe/package.json and its lock file) for the accessibility tests.
AXE_JS := tests/e2e/axe/node_modules/axe-core/axe.min.js
axe: $(AXE_JS)
$(AXE_JS): tests/e2e/axe/package.json tests/e2e/axe/package-lock.json
	cd tests/e2e/axe && npm ci --no-audit --no-fund --silent
	touch $@

# Firefox and WebKit for the reader's tests in those engines (tests/e2e/test_engines.py): Debian's
# firefox-esr, driven over WebDriver BiDi by puppeteer-core (pinned in tests/e2e/firefox/package.json
# and its lock file), and WebKitGTK's WebKitWebDriver with its MiniBrowser, on a virtual screen (Xvfb).
ENGINE_PACKAGES := firefox-esr webkit2gtk-driver xvfb
PUPPETEER := tests/e2e/firefox/node_modules/puppeteer-core/package.json
engines: $(PUPPETEER)
	@dpkg -s $(ENGINE_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(ENGINE_PACKAGES) >/dev/null)
$(PUPPETEER): tests/e2e/firefox/package.json tests/e2e/firefox/package-lock.json
	cd tests/e2e/firefox && npm ci --no-audit --no-fund --silent
	touch $@

# eslint from npm (pinned in package.json and its lock file) for `make lint`; the JavaScript unit
# tests (`make test-js`) run on Node's own test runner and need no package.
ESLINT := node_modules/eslint/package.json
js: $(ESLINT)
$(ESLINT): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Redis, where the production set's replicas share the classes that follow a teacher.
redis:
	@dpkg -s redis-server >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null)

# Debian's nginx and its brotli modules (compressing as it sends, and sending files compressed
# ahead), for the production recipe (deploy/) and its test.
NGINX_PACKAGES := nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static
nginx:
	@dpkg -s $(NGINX_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq $(NGINX_PACKAGES) >/dev/null)

# For an author on their own machine, the Studio is on (STUDIO=off to read only).
STUDIO ?= on
run: install
	STORYMAP_STUDIO=$(STUDIO) $(PY) -m streamlit run app.py

# Production: nginx on PORT in front of REPLICAS app processes, under BASE_PATH (e.g. /story), and
# the static edition under BASE_PATH/read/ (PUBLIC_URL: where readers reach it, if not this address).
# HTTPS with TLS_CERT and TLS_KEY (PEM files): HTTP/2 and brotli; HTTP_PORT redirects plain HTTP
# there; HSTS=on sends Strict-Transport-Security.
PORT ?= 8080
REPLICAS ?= 2
BASE_PATH ?=
serve: install nginx redis
	$(PY) deploy/stack.py run --port $(PORT) --replicas $(REPLICAS) --base-path "$(BASE_PATH)" --public-url "$(PUBLIC_URL)" \
		$(if $(STUDIO_USERS),--studio-users "$(STUDIO_USERS)") $(if $(TLS_CERT),--tls-cert "$(TLS_CERT)" --tls-key "$(TLS_KEY)") \
		$(if $(HTTP_PORT),--http-port $(HTTP_PORT)) $(if $(filter on,$(HSTS)),--hsts)

lint: install js
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	node_modules/.bin/eslint .

# The browser code's pure parts (storymap/assets/), on Node's own runner; the fixtures come from the
# Python that writes what the browser reads, so the venv comes first.
test-js: install
	node --test tests/js/*.test.mjs

typecheck: install
	$(PY) -m mypy

unit: install browser nginx redis axe engines
	$(PY) -m pytest

test: lint typecheck test-js unit

# The tier to run after each edit: lint, types, the JavaScript unit tests and every test that drives
# no browser, nginx or npm package (libcairo2 is still needed, for the static edition's PNG maps),
# over both cores.
test-fast: lint typecheck test-js cairo
	$(PY) -m pytest -m "not browser" -n 2

geodata: install
	$(PY) -m geodata.build
	$(PY) -m geodata.world

# Every check a story folder must pass (STORY=folder, default story/): one report, exit code 1 on problems.
STORY ?= story
check: install
	$(PY) -m storymap check $(STORY)

export: install
	@$(PY) -m storymap export

# The static edition, for any web host: SITE=folder (default site/), PUBLIC_URL=where it will live.
SITE ?= site
PUBLIC_URL ?=
site: install cairo
	$(PY) -m storymap site $(SITE) --public-url "$(PUBLIC_URL)"

bench: install browser
	$(PY) -m bench.steps

# The first and return visits over HTTPS: the live app, the static edition and a bare Streamlit page
# (the floor), through the production recipe, on loopback and slow 4G.
bench-first-visit: install browser nginx redis
	$(PY) -m bench.first_visit

# Many readers at once over Streamlit's protocol (no browser): one server, or URL=… of a running set.
# Every view a step lands on, photographed and measured as the reader sees it (artifacts/views/).
bench-views: install browser cairo
	$(PY) -m bench.views

bench-load: install
	$(PY) -m bench.load $(if $(URL),--url $(URL),--start) $(LOAD_ARGS)
