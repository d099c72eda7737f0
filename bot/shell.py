"""`make shell`: chat with the running assistant through its REST channel, as an owner would."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
import uuid

from bot import config


def send(url: str, sender: str, text: str) -> list[dict]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=f"http://127.0.0.1:{config.rasa_port()}/webhooks/rest/webhook")
    parser.add_argument("--sender", default=f"shell-{uuid.uuid4().hex[:8]}",
                        help="conversation id (a phone number like +12145550100 acts as that owner)")
    args = parser.parse_args(argv)
    print(f"Chatting as {args.sender}. Type a message; Ctrl-D or /quit to leave.")
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
            replies = send(args.url, args.sender, text)
        except OSError as exc:
            print(f"(the assistant is not answering at {args.url}: {exc}; is `make run` running?)", file=sys.stderr)
            continue
        for reply in replies:
            print(f"bot> {reply.get('text', '')}")


if __name__ == "__main__":
    sys.exit(main())
