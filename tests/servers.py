"""The real servers, started as `make run` starts them (python -m bot.serve), for whole-conversation tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "recall.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """bot.serve in a subprocess with its own var dir, databases and ports."""

    def __init__(self, var_dir: Path, env: dict[str, str]):
        self.var_dir = var_dir
        self.rasa_port = free_port()
        self.actions_port = free_port()
        self.console_port = free_port()
        # Nothing from the developer's shell that could reach a real service: Twilio credentials or
        # another RECALLBOT_* setting (a real console URL, a production database) come only from `env`.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "RECALLBOT_"))}
        self.env = {
            **inherited,
            "RECALLBOT_VAR_DIR": str(var_dir),
            "RECALLBOT_RASA_PORT": str(self.rasa_port),
            "RECALLBOT_ACTIONS_PORT": str(self.actions_port),
            "RECALLBOT_CONSOLE_PORT": str(self.console_port),
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            # Every test owner writes from 127.0.0.1: the per-address limits of the public doors
            # (bot.throttle) are tested on servers of their own (tests/conversation/test_limits.py).
            "RECALLBOT_LIMIT_WEB_CHAT": "100000/minute",
            "RECALLBOT_LIMIT_REFUSED": "100000/minute",
            "RECALLBOT_LIMIT_SIGNED": "100000/minute",
            **env,
        }
        self.proc: subprocess.Popen | None = None
        self.web_ids: dict[str, str] = {}  # a test's name for a web chat -> the id the server issued
        self.log = var_dir / "serve.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def console_url(self) -> str:
        return f"http://127.0.0.1:{self.console_port}"

    def start(self, timeout: float = 240) -> Servers:
        assert MODEL.exists(), "no trained model: run `make train` (make test does)"
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.serve", "--model", str(MODEL)],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"bot.serve exited ({self.proc.returncode}):\n{self.log.read_text()[-3000:]}")
            if self._up():
                return self
            time.sleep(1)
        raise RuntimeError(f"servers not up within {timeout} s:\n{self.log.read_text()[-3000:]}")

    @property
    def actions_token(self) -> str:
        """The action server's secret: RECALLBOT_ACTIONS_TOKEN, else the one bot.serve generated."""
        return self.env.get("RECALLBOT_ACTIONS_TOKEN") or (self.var_dir / "actions-token").read_text().strip()

    def _up(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/", timeout=2):
                pass
            health = urllib.request.Request(
                f"http://127.0.0.1:{self.actions_port}/health",
                headers={"Authorization": f"Bearer {self.actions_token}"},
            )
            with urllib.request.urlopen(health, timeout=2):
                pass
            with urllib.request.urlopen(f"{self.console_url}/health", timeout=2):
                return True
        except OSError:
            return False

    def pid(self, which: str) -> int:
        return int((self.var_dir / f"{which}.pid").read_text())

    def kill(self, which: str) -> None:
        """SIGKILL one server (rasa or actions), as a crash would; bot.serve then stops the other."""
        os.kill(self.pid(which), signal.SIGKILL)
        self.proc.wait(60)

    def stop(self) -> int:
        """Ctrl-C, as an operator would press it; returns bot.serve's exit status."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            return self.proc.wait(60)
        return self.proc.returncode if self.proc else 0

    def say(self, sender: str, text: str) -> list[str]:
        """One owner message through web chat; the bot's reply texts. `sender` is the test's name
        for a chat: the first message gets a conversation id from the server, which the next
        messages of that chat send back (`web_ids`), as a web page would."""
        body = json.dumps({"sender": self.web_ids.get(sender), "message": text}).encode()
        req = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            self.web_ids[sender] = resp.headers["X-Conversation-Id"]
            return [m.get("text", "") for m in json.load(resp)]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead too
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def seeded(var: Path, env: dict[str, str]) -> Servers:
    """Started servers on a freshly seeded demo database (SQLite in `var`); `db_url` names it."""
    url = f"sqlite:///{var / 'recall.db'}"
    srv = Servers(var, {**env, "RECALLBOT_DATABASE_URL": url})
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "seed", "--demo"], cwd=ROOT, env=srv.env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    srv.db_url = url
    return srv.start()
