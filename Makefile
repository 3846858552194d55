# Loom for Swift. `make run` serves the store example on SQLite; `make test` runs every test against real
# PostgreSQL and Redis (started, and installed from Debian's packages if missing, by scripts/services.sh).
SWIFT ?= swift
PGPORT ?= 55432
REDIS_PORT ?= 56379
BIN = $(shell $(SWIFT) build --show-bin-path)

export PGPORT REDIS_PORT
export POSTGRES_HOSTNAME ?= 127.0.0.1
export POSTGRES_PORT ?= $(PGPORT)
export POSTGRES_USER ?= postgres
export POSTGRES_DB ?= postgres
export REDIS_HOSTNAME ?= 127.0.0.1

.PHONY: system-libraries run run-helpdesk build test test-swift test-plugin test-tutorial test-otel test-lsp-clients test-openapi-clients services services-stop check generate sql bench-generate bench-lsp bench-repository bench-jobs bench bench-helpdesk bench-cache bench-postgres-paths clean vsix test-editors

system-libraries: ## The C libraries the build links (libhiredis-dev, libpq-dev), installed when missing
	scripts/system-libraries.sh

run: system-libraries ## Build and start the store example on http://127.0.0.1:8000 with ./store.db (applying its migrations); with REDIS_URL set, jobs go through Redis
	$(SWIFT) build --product store
	$(BIN)/store --migrate --config config/store.yaml

run-helpdesk: system-libraries ## Build and start the helpdesk example (JWT auth, access rules) on http://127.0.0.1:8001 with ./helpdesk.db; `helpdesk token --sub 1 --role admin` prints a token
	$(SWIFT) build --product helpdesk
	$(BIN)/helpdesk --migrate --config config/helpdesk.yaml

build: system-libraries
	$(SWIFT) build

test: services ## Start the services, build once, run every test
	$(SWIFT) build --build-tests
	$(MAKE) check test-swift test-openapi-clients test-lsp-clients test-editors test-plugin test-tutorial test-otel

test-swift:
	LOOM_STORE_BIN=$(BIN)/store LOOM_HELPDESK_BIN=$(BIN)/helpdesk LOOMGEN_BIN=$(BIN)/loomgen $(SWIFT) test --skip-build

test-otel: ## The store built with the OTel trait (.build-otel) exports a request's trace to an OTLP collector
	scripts/test-otel.sh

test-plugin: ## A schema edit, then `swift build`, regenerates the example's code; the command plugin writes the same bytes
	scripts/test-plugin.sh

test-tutorial: services ## Every command of docs/tutorial.md, in a scratch folder: loomgen init, a build, servers, PostgreSQL, Redis
	python3 scripts/test-tutorial.py docs/tutorial.md

test-openapi-clients: ## The store's OpenAPI document as client teams use it: validators, then clients from openapi-python-client and Swift OpenAPI Generator (.build-openapi-swift) through the store flow on SQLite and PostgreSQL
	LOOM_STORE_BIN=$(BIN)/store scripts/test-openapi-clients-python.sh
	LOOM_STORE_BIN=$(BIN)/store scripts/test-openapi-clients-swift.sh

test-lsp-clients: ## pytest-lsp drives loomgen lsp through an editing session; headless Neovim attaches to it and reads its diagnostics
	LOOMGEN_BIN=$(BIN)/loomgen scripts/test-lsp-clients.sh

test-editors: ## Editor support, headless: the .vsix is built and read back, the Vim syntax file (and Neovim's LSP setup, when nvim is installed) and the TextMate grammar are run over the example schemas
	scripts/test-editors.sh

vsix: ## The VS Code extension (grammar, language configuration) as editors/vscode/build/loom-language-0.1.0.vsix, without npm
	python3 scripts/build-vsix.py

services:
	scripts/services.sh

services-stop:
	scripts/services-stop.sh

check: ## The CI gate on the example: schema errors exit 1; formatting, Generated/ or migrations out of date exit 2
	$(SWIFT) build --product loomgen
	$(BIN)/loomgen check schemas/store --generated Generated/store
	$(BIN)/loomgen check schemas/helpdesk --generated Generated/helpdesk

generate: ## Rewrite the committed output in Generated/ with the command plugin (review the diff)
	$(SWIFT) package --allow-writing-to-package-directory loomgen-generate

bench-generate: ## Time `loomgen generate` (release) on 100, 1,000 and 5,000 synthetic models, and the compile of 100 models' generated code (debug, release, after a one-field edit)
	$(SWIFT) build -c release --product loomgen
	$(SWIFT) build -c release --product GenerateBenchmark
	$$($(SWIFT) build -c release --show-bin-path)/GenerateBenchmark $$($(SWIFT) build -c release --show-bin-path)/loomgen --compile $(CURDIR)

bench-lsp: ## loomgen lsp on 1,000 synthetic models: edit-to-diagnostics latency (median, p95) with and without debounce, hover after an edit, beside `loomgen check` (release)
	$(SWIFT) build -c release --product loomgen
	$(SWIFT) build -c release --product LSPBenchmark
	$$($(SWIFT) build -c release --show-bin-path)/LSPBenchmark $$($(SWIFT) build -c release --show-bin-path)/loomgen

bench-jobs: services ## Jobs end to end (a worker process): dispatch rate, jobs/s, latency, memory, on SQLite, PostgreSQL and Redis (release)
	$(SWIFT) build -c release --product JobBenchmark
	$$($(SWIFT) build -c release --show-bin-path)/JobBenchmark

bench: services ## HTTP: the generated store server (uncached) vs a hand-written Hummingbird + postgres-nio server (and, with BENCH_PREVIOUS=REV, the store of that commit in the same rounds), then the helpdesk's access rules (bench-helpdesk) and the read cache (bench-cache), with wrk (release; about 20 minutes)
	$(SWIFT) build -c release --product store
	$(SWIFT) build -c release --product BaselineServer
	$(SWIFT) build -c release --product helpdesk
	BENCH_BIN=$$($(SWIFT) build -c release --show-bin-path) \
	  BENCH_PREVIOUS_BIN=$$([ -z "$(BENCH_PREVIOUS)" ] || scripts/build-previous.sh $(BENCH_PREVIOUS)) scripts/bench-http.sh
	BENCH_BIN=$$($(SWIFT) build -c release --show-bin-path) scripts/bench-helpdesk.sh
	BENCH_BIN=$$($(SWIFT) build -c release --show-bin-path) scripts/bench-cache.sh

bench-cache: services ## HTTP: the read cache — cached get, list page and profile, in process and on Redis, vs uncached and vs GET /health, and with 10 % writes (release; about 5 minutes)
	$(SWIFT) build -c release --product store
	BENCH_BIN=$$($(SWIFT) build -c release --show-bin-path) scripts/bench-cache.sh

bench-helpdesk: services ## HTTP: what access rules cost — the helpdesk's tickets as an agent and a customer vs an admin (no rules), with wrk (release; about 5 minutes)
	$(SWIFT) build -c release --product helpdesk
	BENCH_BIN=$$($(SWIFT) build -c release --show-bin-path) scripts/bench-helpdesk.sh

bench-repository: services ## Generated repositories vs a hand-written postgres-nio baseline (release)
	$(SWIFT) build -c release --product RepositoryBenchmark
	$$($(SWIFT) build -c release --show-bin-path)/RepositoryBenchmark

bench-postgres-paths: services system-libraries ## Issue #22: many concurrent small queries through postgres-nio's pool, event-loop-bound postgres-nio connections and libpq in pipeline mode, side by side, with pgbench as reference (release; about 5 minutes)
	$(SWIFT) build -c release --product PostgresPathBenchmark
	BENCH_BIN=$$($(SWIFT) build -c release --show-bin-path) scripts/bench-postgres-paths.sh

sql:
	$(SWIFT) build --product loomgen
	$(BIN)/loomgen sql schemas/store --dialect postgres

clean:
	rm -rf .build store.db store.db-shm store.db-wal
