"""A browser-less client for the staff console: a cookie jar, forms with their CSRF token."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from pathlib import Path

from tests.servers import ROOT, free_port

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # tests look at the 303 itself


class ConsoleClient:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.csrf = ""

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str, Message]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base_url + path, body, method=method)
        try:
            with self.opener.open(req, timeout=30) as resp:
                status, headers, text = resp.status, resp.headers, resp.read().decode()
        except urllib.error.HTTPError as err:
            status, headers, text = err.code, err.headers, err.read().decode()
        if found := CSRF.search(text):
            self.csrf = found.group(1)
        return status, text, headers

    def get(self, path: str) -> tuple[int, str, Message]:
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None, *, csrf: bool = True) -> tuple[int, str, Message]:
        return self.request("POST", path, {**({"csrf": self.csrf} if csrf else {}), **(data or {})})

    def login(self, email: str, password: str) -> int:
        self.get("/login")
        status, _, _ = self.post("/login", {"email": email, "password": password, "next": "/"})
        if status == 303:
            self.get("/")  # the CSRF token of the new session
        return status


class ConsoleServer:
    """`python -m bot.console` alone, on a free port, against the given recall database."""

    def __init__(self, var_dir: Path, database_url: str, rasa_url: str | None = None):
        self.port = free_port()
        self.log = var_dir / "console.log"
        self.env = {
            **os.environ,
            "RECALLBOT_VAR_DIR": str(var_dir),
            "RECALLBOT_DATABASE_URL": database_url,
            "RECALLBOT_CONSOLE_PORT": str(self.port),
            "RECALLBOT_RASA_TOKEN": "console-test-token",
            # Nothing listens there unless a test says otherwise: Rasa is "down".
            "RECALLBOT_RASA_URL": rasa_url or f"http://127.0.0.1:{free_port()}",
        }
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ConsoleServer:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.console"], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"console exited:\n{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2):
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"console not up:\n{self.log.read_text()[-2000:]}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)
