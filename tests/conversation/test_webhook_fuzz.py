"""Fuzzing the public doors of the real servers with hypothesis: the SMS and voice webhooks and
web chat get random form bodies, headers, content types, encodings, huge, empty and binary
bodies, query strings and forged or missing signatures.

What must always hold: no 5xx and no Python traceback or exception text in any answer; an
unsigned or forged call to a Twilio webhook is never processed (not a 2xx, not a row changed in
the recall database, not a conversation in Rasa's tracker store, not a text sent); web chat never
lets a client pick its conversation id. Signed calls with random but valid-looking fields (signed
with twilio's RequestValidator, as Twilio signs) never get a 5xx either.

Bounded in time: fixed example counts and no per-example deadline; about 40 s in all on a 2-core
machine, the servers' start included. The servers trust X-Forwarded-For here
(RECALLBOT_TRUST_PROXY, as behind the production proxy) and every request comes from an address
of its own, so the per-address limits (bot.throttle) do not turn the fuzzing into a test of 429s.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import itertools
import json
import os
import re
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, create_engine, select

from tests.servers import seeded
from tests.sms_client import ACCOUNT, BOT_NUMBER, PUBLIC, TOKEN, sign, twilio_env

SMS_PATH = "/webhooks/twilio/webhook"
VOICE_PATH = "/webhooks/twilio_voice/webhook"
WEB_PATH = "/webhooks/rest/webhook"
# Python's own words for a failure: a traceback, a source line, an exception's class name.
LEAK = re.compile(r'Traceback \(most recent|File "[^"]*", line \d+|\b[A-Z]\w*(?:Error|Exception)\b')
# The same examples on every run (CI must not turn red on a lucky draw); RECALLBOT_FUZZ_RANDOM=1 explores anew.
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("RECALLBOT_FUZZ_RANDOM") != "1",
)
_addresses = itertools.count(1)


@pytest.fixture(scope="module")
def srv(tmp_path_factory, recorder):
    servers = seeded(tmp_path_factory.mktemp("fuzz"), {**twilio_env(recorder), "RECALLBOT_TRUST_PROXY": "1"})
    yield servers
    servers.stop()


def _address() -> str:
    n = next(_addresses)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def _send(srv, method: str, target: str, body: bytes, headers: dict[str, str], chunked: bool = False):
    """One raw HTTP request; (status, headers, body text). X-Forwarded-For is always a fresh address."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.rasa_port, timeout=120)
    headers = {**headers, "X-Forwarded-For": _address()}
    try:
        if chunked:  # Transfer-Encoding: chunked instead of Content-Length
            conn.request(method, target, body=iter([body[:1000], body[1000:]]), headers=headers, encode_chunked=True)
        else:
            conn.request(method, target, body=body or None, headers=headers)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _check(status: int, text: str, request) -> None:
    assert status < 500, f"{status} for {request!r}:\n{text[:2000]}"
    leak = LEAK.search(text)
    assert leak is None, f"exception text {leak[0]!r} in the answer to {request!r}:\n{text[:2000]}"


def _snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    engine = create_engine(url, future=True)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {
                name: sorted(map(tuple, conn.execute(select(table))), key=repr) for name, table in meta.tables.items()
            }
    finally:
        engine.dispose()


def _tracker(srv) -> dict[str, list[tuple]]:
    path = Path(srv.var_dir) / "tracker.db"  # Rasa's SQL tracker store (bot.config.tracker_url)
    assert path.exists(), path
    return _snapshot(f"sqlite:///{path}")


def _owner_phones(url: str) -> list[str]:
    """Some phone numbers on file, so that fuzzed texts and calls also come from known owners."""
    engine = create_engine(url, future=True)
    try:
        meta = MetaData()
        meta.reflect(engine, only=["owners"])
        owners = meta.tables["owners"]
        with engine.connect() as conn:
            return [p for p in conn.execute(select(owners.c.phone).limit(20)).scalars() if p]
    finally:
        engine.dispose()


def _sender_of(body: bytes):
    """The conversation id a web-chat request asked for, if it names one."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    return parsed.get("sender") if isinstance(parsed, dict) else None


# --- what the fuzzer sends ---------------------------------------------------------------------

TWILIO_FIELDS = [
    "MessageSid",
    "SmsSid",
    "SmsMessageSid",
    "AccountSid",
    "MessagingServiceSid",
    "From",
    "To",
    "Body",
    "NumMedia",
    "NumSegments",
    "MediaUrl0",
    "MediaContentType0",
    "FromCity",
    "FromZip",
    "CallSid",
    "CallStatus",
    "Direction",
    "SpeechResult",
    "Confidence",
    "Digits",
    "StirVerstat",
    "Caller",
    "ApiVersion",
    "",
    "From[]",
    "Body\x00",
    "silence",
]
ODD_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "%",
    "&",
    "=",
    "+",
    "\x00",
    "\r\n",
    "/restart",
    "/greet",
    "STOP",
    "HELP",
    "START",
    "yes",
    "person",
    "<Say>hi</Say>",
    "{{7*7}}",
    "'; DROP TABLE appointments; --",
    "🚗" * 50,
    "x" * 5000,
    "withheld",
    "anonymous",
    "+15005550006",
    "+12145550100",
    "2145550177",
    "+447911123456",
    "client:alice",
    "sip:a@b.example",
]
text_values = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=300),
    st.from_regex(r"\A(SM|CA|MM|AC)[0-9a-f]{32}\Z"),
    st.from_regex(r"\A\+1\d{10}\Z"),
)
forms = st.dictionaries(st.one_of(st.sampled_from(TWILIO_FIELDS), st.text(max_size=20)), text_values, max_size=10)
CHARSETS = ["utf-8", "latin-1", "cp1252", "utf-16", "utf-8-sig", "ascii"]


def _mostly(common, rare, odds: int = 3):
    """`common` `odds` times out of `odds` + 1 (st.one_of would flatten nested choices and weight
    each branch of `rare` as much as `common`)."""
    return st.integers(0, odds).flatmap(lambda n: rare if n == 0 else common)


def _urlencoded(form: dict[str, str], charset: str) -> bytes:
    return urllib.parse.urlencode(form, encoding=charset, errors="replace").encode("ascii")


def _json_value():
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
        max_leaves=12,
    )


bodies = st.one_of(
    st.builds(_urlencoded, forms, st.sampled_from(CHARSETS)),
    st.builds(lambda form: gzip.compress(_urlencoded(form, "utf-8")), forms),
    st.binary(max_size=4096),
    st.just(b""),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"Body=%ZZ%&=&&From=%FF%FE%00",
            b"&&&===",
            b"From=a&From=b&MessageSid=1&MessageSid=2",
            b"\xff\xfe\x00B\x00o\x00d\x00y",
            b'{"Body": "hi"}',
            b"--xyz\r\nContent-Disposition: form-data",
        ]
    ),
    _json_value().map(lambda v: json.dumps(v).encode()),
    st.sampled_from([100_000, 1_000_000, 3_000_000]).map(lambda n: b"Body=" + b"A" * n + b"&From=%2B12145550100"),
)
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "application/x-www-form-urlencoded; charset=latin-1",
    "APPLICATION/X-WWW-FORM-URLENCODED",
    "application/x-www-form-urlencoded;;;",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "text/xml",
    "application/octet-stream",
    "",
    "*/*",
    'application/x-www-form-urlencoded\t; charset=""',
]
content_types = st.one_of(
    st.none(), st.sampled_from(CONTENT_TYPES), st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
)
HEADER_NAMES = [
    "X-Twilio-Signature",
    "X-Forwarded-Proto",
    "X-Forwarded-Host",
    "Forwarded",
    "X-Real-IP",
    "Content-Encoding",
    "Accept",
    "Accept-Charset",
    "Accept-Encoding",
    "Cookie",
    "Authorization",
    "User-Agent",
    "Origin",
    "Referer",
    "I-Twilio-Idempotency-Token",
    "X-Conversation-Id",
    "Host",
]
header_values = st.text(
    st.characters(min_codepoint=32, max_codepoint=255, blacklist_characters="\x7f"), max_size=200
).map(str.strip)
headers = st.dictionaries(
    st.one_of(st.sampled_from(HEADER_NAMES), st.from_regex(r"\AX-[A-Za-z0-9-]{1,20}\Z")), header_values, max_size=6
)
queries = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "silence=1",
            "silence=2",
            "silence=-1",
            "silence=abc",
            "silence=99999999999999999999999",
            "silence=%00",
            "a=1&a=2",
            "=&&=",
            "%FF%FE",
            "silence=1&silence=2",
        ]
    ),
    st.text(max_size=80).map(lambda t: urllib.parse.quote(t, safe="=&")),
)
methods = st.sampled_from(["POST"] * 8 + ["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])


def twilio_calls(owners: list[str]):
    """(path, form, query) of a webhook as Twilio sends it, with random but valid-looking fields."""
    # Mostly numbers an owner could text from (the ones on file included), sometimes anything.
    valid_phones = st.one_of(
        st.sampled_from(owners or ["+12145550100"]),
        st.from_regex(r"\A\+1312555\d{4}\Z"),
        st.sampled_from(["(214) 555-0177", "214.555.0178", "2145550179"]),
    )
    phones = _mostly(
        valid_phones,
        st.one_of(
            st.text(max_size=20),
            st.sampled_from(["+447911123456", "+15005550006", "anonymous", "", "client:alice", "+1", "+999999999999"]),
        ),
    )
    words = st.one_of(
        st.text(max_size=600),
        st.sampled_from(ODD_VALUES),
        st.sampled_from(
            [
                "hi i got a recall letter",
                "yes",
                "no",
                "2",
                "book me next tuesday",
                "JTJHA31U740012345",
                "j t j h a 3 1 u 7 4 0 0 1 2 3 4 5",
                "cancel my appointment",
                "I want a person",
                "my pedal is stuck",
                "when is my appointment",
            ]
        ),
    )
    sms_forms = st.fixed_dictionaries(
        {
            "MessageSid": _mostly(st.uuids().map(lambda u: f"SM{u.hex}"), st.text(max_size=40)),
            "From": phones,
            "Body": words,
        },
        optional={
            "AccountSid": st.just(ACCOUNT),
            "To": st.just(BOT_NUMBER),
            "NumMedia": st.one_of(st.sampled_from(["0", "1", "10", "-1", "x", ""]), st.text(max_size=5)),
            "MediaUrl0": st.just("https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0"),
        },
    )
    voice_forms = st.fixed_dictionaries(
        {"CallSid": _mostly(st.uuids().map(lambda u: f"CA{u.hex}"), st.text(max_size=40)), "From": phones},
        optional={
            "SpeechResult": words,
            "Digits": st.one_of(st.from_regex(r"\A[0-9*#]{0,4}\Z"), st.text(max_size=5)),
            "Confidence": st.one_of(st.floats().map(str), st.text(max_size=8)),
            "StirVerstat": st.one_of(
                st.sampled_from(
                    ["TN-Validation-Passed-A", "TN-Validation-Passed-B", "TN-Validation-Failed", "No-TN-Validation"]
                ),
                st.text(max_size=30),
            ),
            "CallStatus": st.sampled_from(["ringing", "in-progress", "completed"]),
            "To": st.just(BOT_NUMBER),
        },
    )
    return st.one_of(
        st.tuples(st.just(SMS_PATH), sms_forms, st.just("")), st.tuples(st.just(VOICE_PATH), voice_forms, queries)
    )


# Every way of not being signed by Twilio with this account's token for this request.
FORGERIES = ["missing", "empty", "garbage", "base64", "wrong-token", "wrong-url", "replayed"]


def _forged(kind: str, garbage: str, url: str, form: dict[str, str]) -> str | None:
    if kind == "missing":
        return None
    if kind == "empty":
        return ""
    if kind == "garbage":
        return garbage
    if kind == "base64":  # the shape of a real signature
        return base64.b64encode(garbage.encode("utf-8", "replace").ljust(20, b"=")[:20]).decode()
    if kind == "wrong-token":
        return sign(form, url=url, token="not-" + TOKEN)
    if kind == "wrong-url":
        return sign(form, url=url.replace(PUBLIC, "https://evil.example"))
    return sign({**form, "Nonce": "replayed"}, url=url)  # a real signature, of another request


def _form_of(body: bytes, content_type: str | None) -> dict[str, str]:
    """The parameters the server signs over, as bot.channels.twilio_auth reads them."""
    if (content_type or "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return {}
    try:
        return {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
    except (UnicodeDecodeError, ValueError):
        return {}


# --- the tests ---------------------------------------------------------------------------------


def test_unsigned_or_forged_twilio_calls_are_refused_and_change_nothing(srv, recorder):
    """Mostly webhooks exactly as Twilio would send them but for the signature (what a forger
    sends), sometimes anything at all; every one refused before any work is done."""
    database, tracker, texts = _snapshot(srv.db_url), _tracker(srv), len(recorder.messages)
    fields = st.dictionaries(st.sampled_from(TWILIO_FIELDS), text_values, max_size=3)
    as_twilio_sends = st.builds(
        lambda call, extra, charset: (
            "POST",
            call[0],
            call[2],
            _urlencoded({**extra, **call[1]}, charset),
            "application/x-www-form-urlencoded",
        ),
        twilio_calls(_owner_phones(srv.db_url)),
        fields,
        st.sampled_from(["utf-8", "latin-1"]),
    )
    anything = st.tuples(methods, st.sampled_from([SMS_PATH, VOICE_PATH]), queries, bodies, content_types)

    @settings(FUZZ, max_examples=800)
    @given(
        req=_mostly(as_twilio_sends, anything),
        extra=headers,
        forgery=st.sampled_from(FORGERIES),
        garbage=header_values,
        chunked=st.booleans(),
    )
    def call(req, extra, forgery, garbage, chunked):
        method, path, query, body, content_type = req
        target = f"{path}?{query}" if query else path
        sent = {k: v for k, v in extra.items() if k.lower() not in ("x-twilio-signature", "content-type")}
        if content_type is not None:
            sent["Content-Type"] = content_type
        signature = _forged(forgery, garbage, PUBLIC + target, _form_of(body, content_type))
        if signature is not None:
            sent["X-Twilio-Signature"] = signature
        status, _, text = _send(srv, method, target, body, sent, chunked)
        request = (method, target, body[:300], sent, "chunked" if chunked else "")
        seen[method, status] += 1
        _check(status, text, request)
        if method == "POST":  # an OPTIONS may get 200 from Sanic itself; nothing is processed
            assert not 200 <= status < 300, f"an unsigned request was processed: {request!r}"

    seen: Counter = Counter()
    call()
    print(dict(seen))
    assert _snapshot(srv.db_url) == database  # not a row added, changed or removed
    assert _tracker(srv) == tracker  # no conversation started or continued
    assert len(recorder.messages) == texts  # no text sent


def test_web_chat_never_fails_and_never_lets_a_client_choose_its_conversation(srv):
    status, answer, _ = _send(srv, "POST", "/webhooks/rest/session", b"", {})
    issued = answer.get("X-Conversation-Id") if status == 200 else None
    senders = st.one_of(
        st.none(),
        st.text(max_size=60),
        st.integers(),
        _json_value(),
        st.sampled_from(
            [
                "sms:+12145550100",
                "voice:+12145550100",
                "voice:call:CA" + "0" * 32,
                "+12145550100",
                "web:forged.0000",
                "default",
                "",
                issued or "web:x",
            ]
        ),
    )
    messages = _mostly(st.text(min_size=1, max_size=400), st.one_of(st.sampled_from(ODD_VALUES), _json_value()))
    payloads = st.fixed_dictionaries(
        {"sender": senders, "message": messages},
        optional={"metadata": _json_value(), "input_channel": st.text(max_size=20)},
    )
    web_bodies = _mostly(payloads.map(lambda p: json.dumps(p).encode()), bodies)

    @settings(FUZZ, max_examples=250)
    @given(
        body=web_bodies,
        content_type=st.one_of(st.just("application/json"), content_types),
        extra=headers,
        method=st.sampled_from(["POST"] * 8 + ["GET", "PUT", "OPTIONS"]),
        query=queries,
    )
    def chat(body, content_type, extra, method, query):
        sent = {k: v for k, v in extra.items() if k.lower() != "content-type"}
        if content_type is not None:
            sent["Content-Type"] = content_type
        target = f"{WEB_PATH}?{query}" if query else WEB_PATH
        status, answer, text = _send(srv, method, target, body, sent)
        request = (method, target, body[:300], sent)
        seen[method, status] += 1
        _check(status, text, request)
        conversation = answer.get("X-Conversation-Id")
        if conversation is not None:
            assert conversation.startswith("web:"), f"conversation {conversation!r} for {request!r}"
            sender = _sender_of(body)
            assert conversation == issued or conversation != sender, f"client-chosen id for {request!r}"
        if method == "POST" and status == 200:
            assert isinstance(json.loads(text), list), request

    seen: Counter = Counter()
    chat()
    print(dict(seen))
    assert seen["POST", 200] >= 10, seen  # messages that reached the assistant, not only 400s


def test_signed_calls_with_random_fields_never_fail(srv, recorder):
    texts = len(recorder.messages)
    calls = twilio_calls(_owner_phones(srv.db_url))
    extras = st.dictionaries(st.sampled_from(TWILIO_FIELDS), text_values, max_size=3)

    @settings(FUZZ, max_examples=250)
    @given(call=calls, extra=extras, charset=st.sampled_from(["utf-8", "utf-8", "utf-8", "latin-1"]))
    def signed(call, extra, charset):
        path, form, query = call
        form = {**extra, **form}
        target = f"{path}?{query}" if query else path
        body = _urlencoded(form, charset)
        # The server reads the body as UTF-8, as Twilio sends it: sign what it will read.
        signature = sign(_form_of(body, "application/x-www-form-urlencoded"), url=PUBLIC + target)
        sent = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
        status, _, text = _send(srv, "POST", target, body, sent)
        seen[path, status] += 1
        _check(status, text, (target, form))
        assert status in (200, 400), f"{status} for a signed {target} {form!r}: {text[:500]}"

    seen: Counter = Counter()
    signed()
    print(dict(seen))
    # Most go all the way through Rasa and the actions, not just to a 400 for a malformed field.
    for path in (SMS_PATH, VOICE_PATH):
        assert seen[path, 200] >= 15, seen
    # SMS replies went out through the REST API (random bodies also opt numbers out, so not one per 200).
    assert len(recorder.messages) - texts >= 1


@pytest.mark.parametrize("accept", ["0", "x", "text/html;q=abc"])
def test_a_malformed_accept_header_gets_the_error_it_would_get_without_it(srv, accept):
    """Found by the fuzzing above: Sanic 21.12 reads Accept to pick the format of an error page
    (a 404, a 405) and, when the header does not parse, answers 500 "An error occurred while
    handling an error" instead. Any stranger can send that to the public doors."""
    for method, target in [("GET", SMS_PATH), ("PUT", VOICE_PATH), ("GET", WEB_PATH), ("GET", "/no-such-page")]:
        expected, _, _ = _send(srv, method, target, b"", {})
        status, _, text = _send(srv, method, target, b"", {"Accept": accept})
        assert (status, expected) in ((405, 405), (404, 404)), (method, target, status, text[:200])
