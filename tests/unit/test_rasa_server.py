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
