# helpdeskbot — see README.md.

GO ?= go

.PHONY: run test build lint bench bench-analytics bench-public eval fuzz

## run: chat with the bot in the terminal, on the built-in knowledge
run:
	$(GO) run ./cmd/helpdeskbot chat

## test: every test, with the race detector; the last line names each
## test skipped and why (no PostgreSQL, no Chromium)
test:
	$(GO) build -o bin/testreport ./internal/testreport
	GO=$(GO) bin/testreport -race ./...

## build: the helpdeskbot binary in ./bin
build:
	$(GO) build -o bin/helpdeskbot ./cmd/helpdeskbot

## lint: gofmt, go vet, and the shipped knowledge folder
lint:
	@test -z "$$(gofmt -l .)" || (gofmt -l .; echo "gofmt needed"; exit 1)
	$(GO) vet ./...
	$(GO) run ./cmd/helpdeskbot lint knowledge

## eval: matching accuracy on the evaluation sets
eval:
	$(GO) run ./cmd/helpdeskbot eval --data testdata/eval/dev.tsv
	$(GO) run ./cmd/helpdeskbot eval --data testdata/eval/chat.tsv

## bench: the benchmarks of README's Performance section
bench:
	$(GO) test ./intents ./cmd/helpdeskbot -run '^$$' -bench . -benchmem -cpu 1
	$(GO) test ./bot/slack -run '^$$' -bench Endpoint -benchtime 20000x -count 3
	$(GO) test ./bot/discord -run '^$$' -bench Interactions -benchtime 20000x -count 3

## bench-public: matching on the public intent data sets in ../shared/eval/public
## (imported into temporary folders; skipped with a message when the folder is absent)
bench-public:
	$(GO) run ./cmd/helpdeskbot bench-public ../shared/eval/public

## bench-analytics: the analytics benchmarks (a million-turn store; slow to set up)
bench-analytics:
	$(GO) test ./bot/analytics -run '^$$' -bench Report1M -benchtime 3x
	$(GO) test ./bot/analytics -run '^$$' -bench ReportLongUnanswered -benchtime 3x
	$(GO) test ./bot/analytics -run '^$$' -bench AnswerWhileRecording -benchtime 3s -count 3

## fuzz: fuzz the bot's answers for a minute
fuzz:
	$(GO) test ./bot -run '^$$' -fuzz FuzzAnswer -fuzztime 60s
