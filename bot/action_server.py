"""The action server: rasa_sdk's own app, answering nobody but Rasa.

`python -m bot.action_server` (started by bot.serve) replaces `python -m rasa_sdk`, which listens
on 0.0.0.0 without authentication and runs whatever tracker it is sent: a POST naming
`action_yes_no` with the slots `awaiting=confirm_cancel, appointment_id=12` cancels appointment 12
(confirmation numbers are sequential). rasa_sdk also inflates `Content-Encoding: deflate` bodies
without a limit and puts the request body into its 500 page.

This builds the same app (`rasa_sdk.endpoint.create_app`: the action registry, the event
validation, /webhook, /actions, /health) and:
- listens on 127.0.0.1 unless RECALLBOT_ACTIONS_INTERFACE says otherwise;
- answers every request without the shared secret (the header `Authorization: Bearer <token>`,
  bot.config.actions_authorization(), which bot.endpoints gives Rasa) with 401, /health included:
  the secret is checked before routing, so a stranger learns nothing, not even which paths
  exist, and no body of theirs is parsed;
- refuses compressed bodies (any Content-Encoding but identity) with 415, before reading them;
  Rasa compresses only with COMPRESS_ACTION_SERVER_REQUEST, which bot.rasa_server refuses;
- limits bodies to MAX_BODY (413);
- answers errors with the status's name only, nothing of the request.
"""

from __future__ import annotations

import hmac
import logging
from http import HTTPStatus

from sanic import Sanic, response
from sanic.exceptions import SanicException, Unauthorized
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import config

logger = logging.getLogger(__name__)

# Rasa sends the tracker of the conversation's current session (a session lasts a day here), without
# the domain (enable_selective_domain). Measured on the real servers (2026-12-01): 2.6 KB per owner
# message (the user event with its intent ranking, the bot's replies, the action and slot events),
# 404 KB after 154 messages. 1 MiB is about 400 messages in one day, far beyond any owner's
# conversation, and bounds what one request can make the server parse. A stranger's body is never
# parsed or kept: the secret is checked before the body is read, and Sanic then discards it.
MAX_BODY = 1024 * 1024


def create_app(authorization: str, actions: str = "actions", cors_origins=None, auto_reload: bool = False) -> Sanic:
    """rasa_sdk's app for the `actions` package, answering only requests whose Authorization
    header is `authorization`."""
    from rasa_sdk.endpoint import create_app as rasa_sdk_app

    app = rasa_sdk_app(actions, cors_origins=cors_origins, auto_reload=auto_reload)
    app.config.REQUEST_MAX_SIZE = MAX_BODY
    expected = authorization.encode()

    # Before routing: ahead of rasa_sdk's CORS middleware (which answers OPTIONS itself), of the
    # 404/405 answers and of reading the body.
    @app.signal("http.routing.before")
    async def require_secret(request: Request) -> None:
        given = request.headers.get("authorization", "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, expected):
            raise Unauthorized("Unauthorized", scheme="Bearer")
        encoding = request.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise SanicException(status_code=415)  # Unsupported Media Type

    # Replaces rasa_sdk's handler for every exception, which answered with the request's body.
    @app.exception(Exception)
    async def error_page(request: Request, exception: Exception) -> HTTPResponse:
        if isinstance(exception, SanicException):
            status = exception.status_code
        else:
            status = 500
            logger.error("action server: %s %s failed", request.method, request.path, exc_info=exception)
        # Only headers Sanic's own exceptions set (WWW-Authenticate, Allow), none from the request.
        return response.json(
            {"error": HTTPStatus(status).phrase}, status=status, headers=getattr(exception, "headers", None)
        )

    return app


def main(argv: list[str] | None = None) -> None:
    from bot import logmask

    logmask.install()
    from rasa_sdk import utils
    from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
    from rasa_sdk.endpoint import create_argument_parser, create_ssl_context
    from rasa_sdk.plugin import plugin_manager

    parser = create_argument_parser()
    parser.description = __doc__.splitlines()[0]
    parser.set_defaults(port=config.actions_port(), actions="actions")
    args = parser.parse_args(argv)
    # What `python -m rasa_sdk` sets up, in the same order.
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file, args.loglevel, args.logging_config_file
    )
    utils.update_sanic_log_level()

    app = create_app(config.actions_authorization(), args.actions, cors_origins=args.cors, auto_reload=args.auto_reload)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    ssl_context = create_ssl_context(args.ssl_certificate, args.ssl_keyfile, args.ssl_password)
    host = config.actions_interface()
    logger.info(
        "Action server on %s://%s:%s (Rasa's secret required)", "https" if ssl_context else "http", host, args.port
    )
    app.run(host, args.port, ssl=ssl_context, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
