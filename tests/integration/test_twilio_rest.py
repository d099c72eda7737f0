"""Outbound texts through the real `twilio` client against the recording Twilio server: a text is
retried only when Twilio cannot have accepted it, so an owner never gets the same text twice."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.channels.twilio_rest import TwilioSender
from tests.servers import free_port
from tests.sms_client import ACCOUNT, BOT_NUMBER, TOKEN, stranger
from tests.twilio_recorder import Recorder


def _point_at(monkeypatch, url: str) -> None:
    for key, value in {
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_NUMBER": BOT_NUMBER,
        "TWILIO_MESSAGING_SERVICE_SID": "",
        "TWILIO_API_BASE_URL": url,
    }.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def twilio(recorder, monkeypatch):
    _point_at(monkeypatch, recorder.url)
    recorder.failures.clear()
    recorder.delays.clear()
    return recorder


def _send(body: str, phone: str, **sender) -> str | None:
    return asyncio.run(TwilioSender(**sender).send(phone, body))


def test_a_429_is_retried_and_the_owner_gets_the_text_once(twilio, caplog):
    phone, before = stranger(), twilio.attempts
    twilio.failures[:] = [429, 429]
    sid = _send("Your appointment is booked.", phone)
    assert sid is not None and sid.startswith("SM")
    assert twilio.to(phone) == ["Your appointment is booked."]
    assert twilio.attempts - before == 3
    assert "was not accepted" in caplog.text


def test_a_500_answer_is_not_retried(twilio, caplog):
    phone, before = stranger(), twilio.attempts
    twilio.failures[:] = [500]
    assert _send("Your appointment is booked.", phone) is None
    time.sleep(0.8)  # longer than the first retry delay: nothing else arrives
    assert twilio.attempts - before == 1  # exactly one POST
    assert "may or may not have been sent" in caplog.text


def test_a_timeout_after_the_request_was_sent_is_not_retried(twilio, caplog):
    """Twilio took the text but answers late: the sender gives up after its timeout and does not
    POST it again, so the owner has exactly one copy."""
    phone, before = stranger(), twilio.attempts
    twilio.delays[:] = [3.0]
    started = time.monotonic()
    assert _send("Your appointment is booked.", phone, timeout=0.5) is None
    assert time.monotonic() - started < 2.5  # the timeout applies (twilio 8.2 alone never times out)
    time.sleep(1.0)
    assert twilio.attempts - before == 1
    assert twilio.to(phone) == ["Your appointment is booked."]
    assert "may or may not have been sent" in caplog.text


def test_a_permanent_error_is_logged_and_not_retried(twilio, caplog):
    phone, before = stranger(), twilio.attempts
    twilio.failures[:] = [400]
    assert _send("refused", phone) is None
    assert twilio.attempts - before == 1
    assert twilio.to(phone) == []
    assert "failed for good after 1 attempt(s)" in caplog.text


class _StartOnRetry(logging.Handler):
    """Brings Twilio's stand-in up when the sender announces its first retry: a Twilio that was
    unreachable for the first attempt (connection refused) and is back for the second."""

    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port
        self.server: Recorder | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.server is None and "retrying" in record.getMessage():
            self.server = Recorder(port=self.port).__enter__()


def test_a_refused_connection_is_retried(monkeypatch, caplog):
    port = free_port()
    _point_at(monkeypatch, f"http://127.0.0.1:{port}")
    starter = _StartOnRetry(port)
    logger = logging.getLogger("bot.channels.twilio_rest")
    logger.addHandler(starter)
    phone = stranger()
    try:
        sid = _send("Your appointment is booked.", phone)
    finally:
        logger.removeHandler(starter)
        if starter.server:
            starter.server.__exit__(None, None, None)
    assert starter.server is not None, caplog.text  # the first attempt was refused and announced a retry
    assert sid is not None and sid.startswith("SM")
    assert starter.server.to(phone) == ["Your appointment is booked."]
    assert starter.server.attempts == 1
    assert "attempt 1 was not accepted (Cannot connect to host" in caplog.text
