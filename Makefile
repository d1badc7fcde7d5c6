# Switchboard. `make run` and `make test` are all a new user needs; both install what is missing.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/switchboard
# Fyne parses the locale from LANG and complains about "C"; tests and screenshots want English.
export LANG := en_US.UTF-8
# The tests start Dovecot, gnome-keyring and Xvfb themselves; 2 cores, so keep packages from
# fighting over them.
TESTFLAGS ?= -race -count=1 -timeout 40m -p 2

.PHONY: deps build run test soak bench lint package clean

# Cheap when everything is there (a dpkg query per package), so it runs every time.
deps:
	@./.ci/deps

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN)

test: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) test $(TESTFLAGS) ./...

# The long fault suite: hundreds of kill -9s during syncs (over a throttled, cut link) and
# sends; prints kills, messages lost and doubled, double sends and wrong-workspace actions.
# SOAK_KILLS=N sets the number of kills (default 300), SOAK_SEED the randomness.
soak: deps
	$(GO) test -tags soak -count=1 -timeout 90m -run '^TestSoak$$' -v ./accounts/smtpsend/

bench: deps
	$(GO) run ./accounts/imapsync/cmd/syncbench
	$(GO) run ./ui/inboxbench

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

package: deps
	$(GO) tool fyne package --release --src . --icon assets/icon.png

clean:
	rm -rf bin
