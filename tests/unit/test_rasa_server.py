"""The cached validator of action server responses accepts and rejects exactly as Rasa's own does."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import rasa_server

GOOD = {"events": [{"event": "slot", "name": "vin", "value": "JTJHA31U740012345"}], "responses": [{"text": "hi"}]}
BAD = {"events": [{"event": "slot", "name": 5}], "responses": "not a list"}


@pytest.mark.parametrize("response", [GOOD, {"events": [], "responses": []}])
def test_valid_responses_pass_both(response):
    assert RemoteAction("x", None)._validate_action_result(response)
    assert rasa_server._validate_action_result(None, response)


def test_invalid_responses_fail_both():
    with pytest.raises(jsonschema.ValidationError):
        RemoteAction("x", None)._validate_action_result(BAD)
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        rasa_server._validate_action_result(None, BAD)


def test_a_token_that_starts_with_a_dash_still_reaches_rasa(monkeypatch):
    """A generated token (secrets.token_urlsafe) starts with "-" one time in 64: as a separate
    argument argparse took it for an option and Rasa would not start."""
    from rasa.__main__ import create_argument_parser

    from bot.rasa_server import api_args

    monkeypatch.setenv("RECALLBOT_RASA_TOKEN", "-Zx9_token")
    args = create_argument_parser().parse_args(api_args(["run", "--model", "models"]))
    assert args.auth_token == "-Zx9_token" and args.enable_api
