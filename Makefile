# Jiguan's front door. `make run` and `make test` work on a fresh Debian 12 machine:
# both install what is missing first (scripts/install-deps.sh).
SHELL := /bin/bash
export CCACHE_DIR ?= $(CURDIR)/.ccache
JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080
DB ?= sqlite:data/jiguan.db
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts web/package-lock.json web/tsconfig.json

.PHONY: run test bench fmt deps build web clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target jiguan

web/dist/index.html: $(WEB_SOURCES)
	@cd web && npm run --silent build

web: deps web/dist/index.html

# Serves the web app and the API; the first start creates data/jiguan.db with the demo tenant.
run: build web
	@echo
	@echo "  Jiguan: http://$(LISTEN)   (database: $(DB))"
	@echo "  Log in as admin / Jiguan@2016   (other demo accounts: juzhang, cheguan, huiwu, shoufa, jiyao, fangguan, jiaoyu, siji, shenji; same password)"
	@echo "  Stop with Ctrl-C."
	@echo
	@./build/release/jiguan serve --listen $(LISTEN) --db $(DB) --static-dir web/dist --demo-data

test: deps
	@scripts/test.sh

bench: build web
	@bench/http.sh
	@bench/mail.sh
	@bench/space.sh

fmt:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build web/dist
