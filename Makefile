# The two commands: `make demo` (set up, build, write out/handout.pdf) and `make test`.
SWIFT ?= swift
BIN   := .build/debug/handout
OUT   := out

PREFIX ?= /usr/local

.PHONY: setup build demo test bench release install deb clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

demo: build
	@mkdir -p $(OUT)
	$(BIN) render --patient Examples/patient.json --output $(OUT)/handout.pdf
	$(BIN) render --patient Examples/patient.json --large-print --paper a4 --output $(OUT)/handout-large-print-a4.pdf
	$(BIN) batch Examples/patients.csv --output-dir $(OUT)/batch --clinic Examples/clinic.json
	$(BIN) mail --batch $(OUT)/batch --csv Examples/patients.csv --clinic Examples/clinic.json --from "Riverside Spine & Pain Clinic <care@riverside-spine.example.org>" --outbox $(OUT)/eml

test: build
	scripts/check_imports.py
	scripts/setup-validators.sh
	$(SWIFT) test
	scripts/browser_test.sh
	scripts/install_check.sh
	scripts/fuzz.sh

bench: setup
	scripts/bench.sh
	scripts/mail_bench.sh
	scripts/ledger_bench.sh 10000
	scripts/serve_bench.py .build/release/handout
	scripts/serve_stall_bench.py .build/release/handout

# The release binary carries the Swift runtime (--static-swift-stdlib): it runs without /opt/swift.
release: setup
	$(SWIFT) build -c release --product handout --static-swift-stdlib

install: release
	scripts/install.sh "$(PREFIX)"

deb: release
	scripts/deb.sh .build/release
	scripts/deb_check.sh

clean:
	rm -rf .build $(OUT)
