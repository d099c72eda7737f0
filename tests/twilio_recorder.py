"""A stand-in for Twilio's REST API on 127.0.0.1 that records every message the real client sends.

Point TWILIO_API_BASE_URL at it. It answers POST /2010-04-01/Accounts/{sid}/Messages.json as
Twilio does (201 and a message resource), and can be told to fail the next requests with given
HTTP statuses, to exercise retries, or to take the next messages but answer only after a delay
(a Twilio that accepted the text and is slow to say so).
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

PATH = re.compile(r"^/2010-04-01/Accounts/(?P<account>AC\w+)/Messages\.json$")


class Recorder:
    def __init__(self, port: int = 0) -> None:
        self.messages: list[dict] = []
        self.failures: list[int] = []
        self.delays: list[float] = []  # seconds the next answers wait, after the message is taken
        self.attempts = 0
        self._lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                match = PATH.match(self.path)
                with recorder._lock:
                    recorder.attempts += 1
                    status = recorder.failures.pop(0) if recorder.failures else None
                    delay = recorder.delays.pop(0) if recorder.delays and status is None else 0
                    if match and status is None:
                        sid = f"SM{uuid.uuid4().hex}"
                        recorder.messages.append(
                            {
                                **form,
                                "sid": sid,
                                "account": match["account"],
                                "auth": self.headers.get("Authorization", ""),
                            }
                        )
                time.sleep(delay)
                if not match:
                    self._reply(404, {"code": 20404, "message": "not found", "status": 404})
                elif status is not None:
                    self._reply(
                        status,
                        {
                            "code": 20429 if status == 429 else 20500,
                            "message": f"recorder told to fail with {status}",
                            "status": status,
                        },
                    )
                else:
                    self._reply(
                        201,
                        {
                            "sid": sid,
                            "status": "queued",
                            "to": form.get("To"),
                            "from": form.get("From"),
                            "body": form.get("Body"),
                            "messaging_service_sid": form.get("MessagingServiceSid"),
                            "account_sid": match["account"],
                            "num_segments": "1",
                        },
                    )

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up waiting (a delayed answer)
                    pass

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Recorder:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def to(self, phone: str) -> list[str]:
        """Bodies of the texts sent to this number, in the order they were sent."""
        with self._lock:
            return [m["Body"] for m in self.messages if m.get("To") == phone]

    def wait_for(self, phone: str, count: int, timeout: float = 20) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.to(phone)) >= count:
                return self.to(phone)
            time.sleep(0.05)
        return self.to(phone)
