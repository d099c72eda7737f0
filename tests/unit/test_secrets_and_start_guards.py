"""Secrets on disk are the owner's alone, Rasa is told the action server's secret in a header, and
the servers refuse to start with the Twilio signature check off anywhere but a closed machine."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot import config, endpoints, rasa_server

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def var(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    for name in ("RECALLBOT_ACTIONS_TOKEN", "RECALLBOT_RASA_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    old = os.umask(0)  # whatever the umask, a secret file is never readable by others
    yield tmp_path
    os.umask(old)


def test_the_action_servers_secret_is_generated_once_into_a_file_only_its_owner_reads(var):
    token = config.actions_token()
    assert len(token) >= 40 and mode(var / "actions-token") == 0o600
    assert config.actions_token() == token == (var / "actions-token").read_text()
    assert config.rasa_api_token() != token and mode(var / "rasa-api-token") == 0o600
    assert {p.name for p in var.iterdir()} == {"actions-token", "rasa-api-token"}  # no temporary file left


def test_the_environment_wins_over_the_file(var, monkeypatch):
    monkeypatch.setenv("RECALLBOT_ACTIONS_TOKEN", "from-the-environment")
    assert config.actions_token() == "from-the-environment"
    assert not (var / "actions-token").exists()


def test_processes_generating_the_secret_at_once_agree_on_one(var):
    barrier, seen = threading.Barrier(8), []

    def generate():
        barrier.wait()
        seen.append(config.actions_token())

    threads = [threading.Thread(target=generate) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(seen)) == 1 and seen[0] == (var / "actions-token").read_text()


def test_a_private_file_replaces_one_that_others_could_read(var):
    old = var / "endpoints.yml"
    old.write_text("written by an older version")
    old.chmod(0o644)
    config.write_private_file(old, "action_endpoint: {}\n")
    assert mode(old) == 0o600 and old.read_text() == "action_endpoint: {}\n"


def test_rasa_sends_the_secret_in_a_header_not_in_the_url(var, monkeypatch):
    monkeypatch.setenv("RECALLBOT_ACTIONS_TOKEN", "s3cret")
    action = endpoints.endpoints(5055)["action_endpoint"]
    assert action["headers"] == {"Authorization": "Bearer s3cret"}
    assert action["url"] == "http://127.0.0.1:5055/webhook" and "token" not in action


@pytest.mark.parametrize("interface, host", [("0.0.0.0", "127.0.0.1"), ("10.1.2.3", "10.1.2.3"), ("::1", "[::1]")])
def test_rasa_calls_the_action_server_where_it_listens(monkeypatch, interface, host):
    monkeypatch.setenv("RECALLBOT_ACTIONS_INTERFACE", interface)
    assert config.actions_host() == host


# -- the start refusal with the Twilio signature check off ------------------------------------


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "RECALLBOT_", "COMPRESS_"))}
    return {**inherited, "RECALLBOT_VAR_DIR": str(tmp_path), "RASA_TELEMETRY_ENABLED": "false", **settings}


@pytest.mark.parametrize(
    "settings, argv, reason",
    [
        ({"RECALLBOT_RASA_INTERFACE": "0.0.0.0"}, [], "Rasa would listen on 0.0.0.0"),
        ({}, ["--interface", "192.0.2.10"], "Rasa would listen on 192.0.2.10"),
        ({"TWILIO_AUTH_TOKEN": "a-real-token"}, [], "TWILIO_AUTH_TOKEN is set"),
    ],
)
def test_rasa_refuses_to_start_with_the_signature_check_off_unless_closed_to_the_world(
    tmp_path, settings, argv, reason
):
    env = clean_env(tmp_path, RECALLBOT_TWILIO_SKIP_SIGNATURE="1", **settings)
    done = subprocess.run(
        [sys.executable, "-m", "bot.rasa_server", "run", "--model", str(tmp_path / "none"), "--port", "9", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "RECALLBOT_TWILIO_SKIP_SIGNATURE" in done.stderr and reason in done.stderr
    assert "Refusing to start" in done.stderr


def test_bot_serve_refuses_before_starting_anything(tmp_path):
    env = clean_env(tmp_path, RECALLBOT_TWILIO_SKIP_SIGNATURE="1", TWILIO_AUTH_TOKEN="a-real-token")
    done = subprocess.run(
        [sys.executable, "-m", "bot.serve", "--model", str(tmp_path / "none")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "TWILIO_AUTH_TOKEN is set" in done.stderr
    assert not (tmp_path / "actions.pid").exists() and not (tmp_path / "endpoints.yml").exists()


def test_the_signature_check_off_is_allowed_on_loopback_without_an_auth_token(monkeypatch):
    monkeypatch.setenv("RECALLBOT_TWILIO_SKIP_SIGNATURE", "1")
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    for interface in ("127.0.0.1", "localhost", "::1"):
        assert rasa_server.start_refusal(["run", "--interface", interface]) is None
    # (tests/integration/test_action_server.py starts the real servers this way.)


def test_a_public_interface_is_fine_with_the_signature_check_on(monkeypatch):
    monkeypatch.delenv("RECALLBOT_TWILIO_SKIP_SIGNATURE", raising=False)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "a-real-token")
    assert rasa_server.start_refusal(["run", "--interface", "0.0.0.0"]) is None


def test_rasa_refuses_to_compress_action_calls_the_action_server_would_refuse(monkeypatch):
    monkeypatch.delenv("RECALLBOT_TWILIO_SKIP_SIGNATURE", raising=False)
    monkeypatch.setenv("COMPRESS_ACTION_SERVER_REQUEST", "true")
    assert "COMPRESS_ACTION_SERVER_REQUEST" in rasa_server.start_refusal(["run"])
