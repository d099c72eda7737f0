"""`make shell`: chat with the running assistant through web chat, as an owner would.

Web chat proves nothing about who is typing: the server issues the conversation id (sent back
in X-Conversation-Id) and never treats it as a phone number. To try the SMS or voice journeys
as an owner on file, use the signed Twilio webhooks (tests/sms_client.py shows how)."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request

from bot import config


def send(url: str, sender: str | None, text: str) -> tuple[list[dict], str | None]:
    """One message; the replies and the conversation id to send with the next one."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp), resp.headers.get("X-Conversation-Id") or sender


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=f"http://127.0.0.1:{config.rasa_port()}/webhooks/rest/webhook")
    args = parser.parse_args(argv)
    sender: str | None = None
    print("Chatting as a web-chat visitor. Type a message; Ctrl-D or /quit to leave.")
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text in ("/quit", "/exit"):
            return 0
        if not text:
            continue
        try:
            replies, sender = send(args.url, sender, text)
        except OSError as exc:
            print(f"(the assistant is not answering at {args.url}: {exc}; is `make run` running?)", file=sys.stderr)
            continue
        for reply in replies:
            print(f"bot> {reply.get('text', '')}")


if __name__ == "__main__":
    sys.exit(main())
