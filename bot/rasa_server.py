"""Runs Rasa's own command line (`rasa run ...`) with one performance fix applied first.

Rasa 3.6 checks every action server response with `jsonschema.validate`, which re-checks the
large events schema against the JSON Schema meta-schema on every call: about 35 ms of CPU per
custom action on these machines, more than the action itself. The fix builds the validator
once and validates each response against the same schema, raising the same error; nothing
else about Rasa changes. bot.serve starts Rasa through this module, which also turns on Rasa's
HTTP API (the staff console posts replies and hand-backs through it) behind a token, masks phone
numbers in the logs (bot.logmask), keeps a malformed Accept header from breaking error pages
(bot.http_guard) and refuses to start a server that should not run (`start_refusal`).
"""

from __future__ import annotations

import functools
import os
import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _response_validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self, result: dict[str, Any]) -> bool:
    from jsonschema.exceptions import best_match

    error = best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid."
        )
        raise error
    return True


def apply() -> None:
    import rasa.core.run
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result
    rasa.core.run.configure_app = _guarded(rasa.core.run.configure_app)


def _guarded(configure_app):
    """Rasa's app, with our request guard (bot.http_guard) installed before it serves anything."""

    @functools.wraps(configure_app)
    def configure(*args: Any, **kwargs: Any):
        from bot import http_guard

        app = configure_app(*args, **kwargs)
        http_guard.install(app)
        return app

    return configure


def api_args(argv: list[str]) -> list[str]:
    """`rasa run` with its HTTP API on, behind the shared token, on the configured interface.

    The token is added here, inside the process, so it never shows on a command line (`ps`)."""
    from bot import config

    if not argv or argv[0] != "run":
        return argv
    # "--auth-token=..." in one word: a generated token may start with "-", which argparse would
    # otherwise read as another option ("expected one argument").
    extra = ["--enable-api", f"--auth-token={config.rasa_api_token()}"]
    if not any(arg in ("-i", "--interface") or arg.startswith("--interface=") for arg in argv):
        extra += ["--interface", config.rasa_interface()]
    return [*argv, *extra]


def _interface(argv: list[str]) -> str:
    from bot import config

    for i, arg in enumerate(argv):
        if arg in ("-i", "--interface") and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--interface="):
            return arg.split("=", 1)[1]
    return config.rasa_interface()


def start_refusal(argv: list[str]) -> str | None:
    """Why `rasa <argv>` must not start, or None. bot.serve asks too, before starting anything."""
    from bot.channels.twilio_auth import skip_signature_refusal

    if not argv or argv[0] != "run":
        return None
    if os.environ.get("COMPRESS_ACTION_SERVER_REQUEST", "").strip().lower() in ("1", "true"):  # as Rasa reads it
        # Rasa would deflate every action call, and bot.action_server refuses compressed bodies.
        return (
            "COMPRESS_ACTION_SERVER_REQUEST is on, but the action server (bot.action_server) refuses "
            "compressed requests: unset it."
        )
    return skip_signature_refusal(_interface(argv))


def main() -> None:
    from bot import logmask

    logmask.install()
    refusal = start_refusal(sys.argv[1:])
    if refusal:
        print(f"bot.rasa_server: {refusal}", file=sys.stderr)
        sys.exit(2)
    apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *api_args(sys.argv[1:])]
    rasa_main()


if __name__ == "__main__":
    main()
