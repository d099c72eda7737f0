"""Starts the action server, the Rasa server and the staff console together; stops all on Ctrl-C.

`python -m bot.serve` (what `make run` calls) writes var/endpoints.yml from the environment
(mode 600: it holds the action server's secret and the database and Redis passwords), waits
until each server answers, and keeps them in the foreground; when any dies, or on SIGINT/SIGTERM,
all are stopped. A configuration bot.rasa_server would refuse stops it before anything starts.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from bot import config, rasa_server
from bot.endpoints import action_endpoint, endpoints


def _die_with_parent() -> None:
    """In the child: have Linux send SIGTERM if bot.serve itself dies (even by SIGKILL), so no
    server is ever left running without its partner."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: Ctrl-C and SIGTERM still stop both


def _wait_until_up(
    url: str, proc: subprocess.Popen, name: str, timeout: float = 180, headers: dict[str, str] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{name} exited with status {proc.returncode} while starting; see its log above")
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{name} did not answer at {url} within {timeout:.0f} s")


def _hint_first_account() -> None:
    """A fresh install has no console account yet: say how to add one instead of leaving a
    sign-in page nobody can pass."""
    from bot.recall import staff
    from bot.recall.db import DatabaseUnavailable

    try:
        if not staff.list_staff():
            print(
                "No staff console account yet. Add one (it asks for a password):\n"
                "  .venv/bin/recallbot staff add you@dealer.example --name 'Your Name' --dealer TX501\n",
                flush=True,
            )
    except DatabaseUnavailable:
        pass  # the servers report the database themselves


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=str(config.PROJECT_ROOT / "models"))
    parser.add_argument("--rasa-port", type=int, default=config.rasa_port())
    parser.add_argument("--actions-port", type=int, default=config.actions_port())
    parser.add_argument("--console-port", type=int, default=config.console_port())
    args = parser.parse_args(argv)

    refusal = rasa_server.start_refusal(["run"])
    if refusal:
        print(f"bot.serve: {refusal}", file=sys.stderr)
        return 2
    config.VAR_DIR.mkdir(parents=True, exist_ok=True)
    endpoints_file = config.VAR_DIR / "endpoints.yml"
    config.write_private_file(endpoints_file, yaml.safe_dump(endpoints(args.actions_port), sort_keys=False))
    bin_dir = Path(sys.executable).parent
    # The children agree on ports through the environment, and on the secrets through var/.
    env = {
        **os.environ,
        "RECALLBOT_RASA_PORT": str(args.rasa_port),
        "RECALLBOT_ACTIONS_PORT": str(args.actions_port),
        "RECALLBOT_CONSOLE_PORT": str(args.console_port),
    }
    config.rasa_api_token()
    procs: list[tuple[str, subprocess.Popen]] = []

    def stop(*_):
        for _, proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for _, proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    # A process started in the background by a shell inherits SIGINT as "ignored", and Python then
    # never raises KeyboardInterrupt: claim Ctrl-C explicitly so it always stops both servers.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        actions = subprocess.Popen(
            [
                str(bin_dir / "python"),
                "-m",
                "bot.action_server",
                "--actions",
                "actions",
                "--port",
                str(args.actions_port),
            ],
            cwd=config.PROJECT_ROOT,
            env=env,
            preexec_fn=_die_with_parent,
        )
        procs.append(("action server", actions))
        (config.VAR_DIR / "actions.pid").write_text(str(actions.pid))
        _wait_until_up(
            f"http://{config.actions_host()}:{args.actions_port}/health",
            actions,
            "action server",
            headers=action_endpoint(args.actions_port)["headers"],
        )
        rasa = subprocess.Popen(
            [
                str(bin_dir / "python"),
                "-m",
                "bot.rasa_server",
                "run",
                "--model",
                args.model,
                "--port",
                str(args.rasa_port),
                "--endpoints",
                str(endpoints_file),
                "--credentials",
                str(config.PROJECT_ROOT / "bot" / "credentials.yml"),
            ],
            cwd=config.PROJECT_ROOT,
            env=env,
            preexec_fn=_die_with_parent,
        )
        procs.append(("Rasa server", rasa))
        (config.VAR_DIR / "rasa.pid").write_text(str(rasa.pid))
        _wait_until_up(f"http://127.0.0.1:{args.rasa_port}/", rasa, "Rasa server")
        console = subprocess.Popen(
            [str(bin_dir / "python"), "-m", "bot.console", "--port", str(args.console_port)],
            cwd=config.PROJECT_ROOT,
            env=env,
            preexec_fn=_die_with_parent,
        )
        procs.append(("staff console", console))
        (config.VAR_DIR / "console.pid").write_text(str(console.pid))
        _wait_until_up(f"http://127.0.0.1:{args.console_port}/health", console, "staff console")
        print(
            f"\nThe recall assistant is up: Rasa on :{args.rasa_port} (REST channel /webhooks/rest/webhook, "
            f"Twilio /webhooks/twilio/webhook and /webhooks/twilio_voice/webhook), actions on "
            f"{args.actions_port}, staff console on {config.console_url()}. `make shell` to chat; "
            "Ctrl-C stops all.\n",
            flush=True,
        )
        _hint_first_account()
        while all(proc.poll() is None for _, proc in procs):
            time.sleep(0.5)
        dead = next(name for name, proc in procs if proc.poll() is not None)
        print(f"{dead} stopped; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping the servers...", file=sys.stderr)
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
