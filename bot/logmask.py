"""Phone numbers in logs are masked to their last four digits: "+1******0100".

An owner's phone number identifies them, and it is all over the log lines of every process: the
SMS and voice conversation ids ("sms:+12145550100"), Twilio's errors ("The 'To' number
+12145550100 is not a valid phone number"), Rasa's debug lines with the sender id, a request URL
in Sanic's access log. Logs are kept longer and read by more people than the recall database, so
no full number goes there. The last four digits stay: enough for staff to tell two owners apart
in a log and to match a line to a complaint.

`install()` (called first thing by the three entry points: bot.rasa_server, bot.console and
bot.action_server) masks every record of every logger, whoever configures the handlers later:
- a LogRecord factory: every record's message (msg % args, including structlog's rendered
  lines, which Rasa passes through the standard logging module), its traceback text and stack;
- a filter on Sanic's access logger, whose URL and host come as `extra` fields, which are set
  on the record only after the factory ran.
"""

from __future__ import annotations

import logging
import re

# What a phone number looks like in a log line:
# - E.164 and "+1 (214) 555-0100"-style numbers with a leading "+" (or "%2B", URL-encoded);
# - US numbers written with separators: "(214) 555-0100", "214-555-0100", "214.555.0100".
# Bare digit runs are left alone: a 10-digit run is as often a Unix timestamp or an id.
_PHONE = re.compile(
    r"(?P<plus>\+|%2[bB])(?P<intl>1[-. ]?\(?\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}|[1-9]\d{6,14})(?!\d)"
    r"|(?<![\w+])(?P<us>\(?[2-9]\d{2}\)?[-. ]\d{3}[-. ]\d{4})(?!\d)"
)
_ACCESS_LOGGER = "sanic.access"
_traceback_formatter = logging.Formatter()


def _masked(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match["intl"] or match["us"])
    if match["us"]:
        digits = "1" + digits
    return f"{match['plus'] or '+'}{digits[0]}{'*' * (len(digits) - 5)}{digits[-4:]}"


def mask(text: str) -> str:
    """`text` with every phone number in it reduced to its first digit and last four."""
    return _PHONE.sub(_masked, text) if text else text


class MaskedLogRecord(logging.LogRecord):
    """A log record whose message, traceback and stack show phone numbers masked."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.exc_info and not self.exc_text:
            # Formatters reuse exc_text when it is set, so the traceback is rendered (and masked)
            # once here instead of from the exception by each handler.
            self.exc_text = mask(_traceback_formatter.formatException(self.exc_info))
        if self.stack_info:
            self.stack_info = mask(self.stack_info)

    def getMessage(self) -> str:  # noqa: N802 - logging's name
        return mask(super().getMessage())


class MaskExtraFields(logging.Filter):
    """Masks the string fields a logger passes as `extra` (Sanic's access log: the request line
    with its URL, the client host), which the record factory never sees."""

    _STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in vars(record).items():
            if key not in self._STANDARD and isinstance(value, str):
                setattr(record, key, mask(value))
        return True


def install() -> None:
    """Masks phone numbers in every log record from now on; calling it again changes nothing."""
    logging.setLogRecordFactory(MaskedLogRecord)
    access = logging.getLogger(_ACCESS_LOGGER)
    if not any(isinstance(f, MaskExtraFields) for f in access.filters):
        access.addFilter(MaskExtraFields())
