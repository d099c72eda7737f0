"""Phone numbers in log lines are masked to the last four digits, for every logger and handler."""

from __future__ import annotations

import io
import logging
import logging.config

import pytest

from bot import logmask


@pytest.fixture
def masked():
    """bot.logmask installed for one test, with a handler that captures what would be written."""
    factory = logging.getLogRecordFactory()
    access = logging.getLogger("sanic.access")
    filters, handlers, access_level, propagate = (
        list(access.filters),
        list(access.handlers),
        access.level,
        access.propagate,
    )
    logmask.install()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    yield out
    root.removeHandler(handler)
    root.setLevel(level)
    logging.setLogRecordFactory(factory)
    access.filters[:] = filters
    access.handlers[:] = handlers
    access.setLevel(access_level)
    access.propagate = propagate


@pytest.mark.parametrize(
    "written, shown",
    [
        ("+12145550100", "+1******0100"),
        ("sms:+12145550100", "sms:+1******0100"),
        ("voice:+19725550123", "voice:+1******0123"),
        ("+1 (214) 555-0100", "+1******0100"),
        ("(214) 555-0100", "+1******0100"),
        ("214-555-0100", "+1******0100"),
        ("From=%2B12145550100&Body=hi", "From=%2B1******0100&Body=hi"),
        ("+442071838750", "+4*******8750"),
    ],
)
def test_numbers_in_every_common_form_keep_only_their_last_four_digits(written, shown):
    assert logmask.mask(f"texting {written} now") == f"texting {shown} now"


@pytest.mark.parametrize(
    "line",
    [
        "2026-12-01 19:56:46 INFO     rasa_sdk.executor  - Registered function for 'action_yes_no'.",
        "appointment 1700000000 at slot 2145550100 for VIN 2T2GA31U04C368054",
        "served in 12.5 ms, timestamp 2026-12-01T19:56:46+00:00, ip 127.0.0.1:5055",
        "voice:call:CA0123456789abcdef0123456789abcdef",
    ],
)
def test_lines_without_a_phone_number_are_left_as_they_are(line):
    assert logmask.mask(line) == line


def test_our_own_log_lines_are_masked(masked):
    logging.getLogger("bot.channels.twilio_sms").info(
        "SMS %s from %s already taken in: Twilio retry or replay ignored", "SM" + "0" * 32, "+12145550100"
    )
    logging.getLogger("actions.handoff").error("escalation #%s: the alert to %s was not sent", 12, "+19725550123")
    logging.getLogger("bot.channels.twilio_sms").warning(
        "not texting conversation %s: it is not an SMS thread", "voice:+12145550100"
    )
    lines = masked.getvalue().splitlines()
    assert lines == [
        f"INFO bot.channels.twilio_sms: SMS SM{'0' * 32} from +1******0100 already taken in: Twilio retry or replay "
        "ignored",
        "ERROR actions.handoff: escalation #12: the alert to +1******0123 was not sent",
        "WARNING bot.channels.twilio_sms: not texting conversation voice:+1******0100: it is not an SMS thread",
    ]


def test_rasas_lines_and_structlogs_rendered_lines_are_masked(masked):
    logging.getLogger("rasa.core.processor").debug("Starting a new session for conversation ID 'sms:+12145550100'.")
    # structlog (Rasa 3.6) renders the event to one string and hands it to the standard logger.
    logging.getLogger("rasa.core.processor").debug(
        '{"sender_id": "sms:+12145550100", "event": "processor.message.received", "level": "debug"}'
    )
    out = masked.getvalue()
    assert "2145550100" not in out
    assert "conversation ID 'sms:+1******0100'" in out and '"sender_id": "sms:+1******0100"' in out


def test_a_traceback_with_a_number_in_the_exception_is_masked(masked):
    try:
        raise ValueError("Unable to create record: The 'To' number +12145550100 is not a valid phone number.")
    except ValueError:
        logging.getLogger("bot.channels.twilio_sms").exception("SMS %s from %s failed", "SM1", "+12145550100")
    out = masked.getvalue()
    assert "2145550100" not in out
    assert "SMS SM1 from +1******0100 failed" in out
    assert "ValueError: Unable to create record: The 'To' number +1******0100 is not a valid phone number." in out


def test_sanics_access_log_url_is_masked_also_after_sanic_configures_its_loggers(masked):
    from sanic.log import LOGGING_CONFIG_DEFAULTS

    out = io.StringIO()
    defaults = LOGGING_CONFIG_DEFAULTS
    # What Sanic(configure_logging=True) does (Rasa's server), for its access logger only.
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "loggers": {"sanic.access": dict(defaults["loggers"]["sanic.access"])},
            "handlers": {"access_console": {**defaults["handlers"]["access_console"], "stream": out}},
            "formatters": {"access": dict(defaults["formatters"]["access"])},
        }
    )
    logging.getLogger("sanic.access").info(
        "",
        extra={
            "status": 200,
            "byte": 12,
            "host": "127.0.0.1:40000",
            "request": "GET http://127.0.0.1:5005/conversations/sms:+12145550100/tracker",
        },
    )
    line = out.getvalue()
    assert "2145550100" not in line
    assert "GET http://127.0.0.1:5005/conversations/sms:+1******0100/tracker  200 12" in line  # the message is empty


def test_installing_twice_adds_one_filter():
    access = logging.getLogger("sanic.access")
    before = list(access.filters)
    factory = logging.getLogRecordFactory()
    try:
        logmask.install()
        logmask.install()
        assert sum(isinstance(f, logmask.MaskExtraFields) for f in access.filters) == 1
    finally:
        access.filters[:] = before
        logging.setLogRecordFactory(factory)
