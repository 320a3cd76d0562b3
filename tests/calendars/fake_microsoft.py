"""A fake Microsoft 365 over https: the tenant's OpenID configuration (what msal reads first), the token
endpoint's client-credentials grant, and Graph's getSchedule and event creation, answering in their
documented shapes and errors."""

from __future__ import annotations

import secrets
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote

from tests.calendars.endpoint import Answer, Endpoint, Request, Route

GRAPH = "/v1.0"
WRONG_SECRET = Answer(
    401,
    {
        "error": "invalid_client",
        "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in "
        "the request is the client secret value, not the client secret ID.\r\nTrace ID: 0000\r\n"
        "Correlation ID: 0000",
        "error_codes": [7000215],
    },
)
ACCESS_DENIED = Answer(
    403,
    {"error": {"code": "ErrorAccessDenied", "message": "Access is denied. Check credentials and try again."}},
)
THROTTLED = Answer(
    429,
    {
        "error": {
            "code": "ApplicationThrottled",
            "message": "Application is over its MailboxConcurrency limit.",
        }
    },
    {"Retry-After": "17"},
)
EXPIRED = Answer(
    401, {"error": {"code": "InvalidAuthenticationToken", "message": "Lifetime validation failed."}}
)


@dataclass
class FakeMicrosoft:
    """One tenant: the app registration's credentials, its directory (mailboxes) and their busy items."""

    tls: ssl.SSLContext
    tenant: str
    client_id: str
    client_secret: str
    directory: set[str]
    busy: dict[str, list[tuple[datetime, datetime, str]]] = field(default_factory=dict)  # start, end, status
    events: list[tuple[str, dict]] = field(default_factory=list)  # (mailbox, event)
    tokens: set[str] = field(default_factory=set)
    permission: bool = True  # Calendars.ReadWrite granted (and no access policy shutting Rapport out)

    def __post_init__(self) -> None:
        self.endpoint = Endpoint(self._route, tls=self.tls)
        self.authority_url = self.endpoint.url
        self.graph_url = f"{self.endpoint.url}{GRAPH}"

    def close(self) -> None:
        self.endpoint.close()

    def _route(self, request: Request) -> tuple[str, Route]:
        path = request.path
        if request.method == "GET" and path.endswith("/v2.0/.well-known/openid-configuration"):
            return "openid", self._openid
        if request.method == "POST" and path.endswith("/oauth2/v2.0/token"):
            return "token", self._token
        if (
            request.method == "POST"
            and path.startswith(f"{GRAPH}/users/")
            and path.endswith("/calendar/getSchedule")
        ):
            return "getschedule", self._graph(self._schedule)
        if request.method == "POST" and path.startswith(f"{GRAPH}/users/") and path.endswith("/events"):
            return "events", self._graph(self._create)
        return "unknown", lambda _: Answer(404, {"error": {"code": "BadRequest", "message": "Unsupported"}})

    def _openid(self, request: Request) -> Answer:
        tenant = request.path.split("/")[1]
        if tenant != self.tenant:
            return Answer(
                400,
                {
                    "error": "invalid_tenant",
                    "error_description": f"AADSTS90002: Tenant '{tenant}' not found.",
                },
            )
        base = f"{self.endpoint.url}/{tenant}"
        return Answer(
            200,
            {
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "issuer": f"{base}/v2.0",
                "token_endpoint_auth_methods_supported": [
                    "client_secret_post",
                    "private_key_jwt",
                    "client_secret_basic",
                ],
            },
        )

    def _token(self, request: Request) -> Answer:
        form = request.form()
        if form.get("grant_type") != "client_credentials" or form.get("client_id") != self.client_id:
            return Answer(
                400,
                {"error": "unauthorized_client", "error_description": "AADSTS700016: Application not found."},
            )
        if form.get("client_secret") != self.client_secret:
            return WRONG_SECRET
        if not form.get("scope", "").endswith("/.default"):
            return Answer(
                400,
                {"error": "invalid_scope", "error_description": "AADSTS1002012: scope must end in /.default"},
            )
        token = "eyJ0eXAi." + secrets.token_urlsafe(16)
        self.tokens.add(token)
        return Answer(
            200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}
        )

    def _graph(self, route: Route) -> Route:
        def checked(request: Request) -> Answer:
            if request.bearer not in self.tokens:
                return EXPIRED
            if not self.permission:
                return ACCESS_DENIED
            user = unquote(request.path.split("/")[3])
            if user not in self.directory:
                return Answer(
                    404,
                    {
                        "error": {
                            "code": "ErrorInvalidUser",
                            "message": f"The requested user '{user}' is invalid.",
                        }
                    },
                )
            return route(request)

        return checked

    def _schedule(self, request: Request) -> Answer:
        body = request.json()
        start, end = _graph_time(body["startTime"]), _graph_time(body["endTime"])
        return Answer(200, {"value": [self._one_schedule(email, start, end) for email in body["schedules"]]})

    def _one_schedule(self, email: str, start: datetime, end: datetime) -> dict:
        if email not in self.directory:
            message = f"Unable to resolve e-mail address {email} to an Active Directory object."
            return {"scheduleId": email, "error": {"message": message, "responseCode": "5009"}}
        items = [
            {
                "isPrivate": False,
                "status": status,
                "subject": "Busy",
                "location": "",
                "start": {"dateTime": s.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"},
                "end": {"dateTime": e.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"},
            }
            for s, e, status in self.busy.get(email, [])
            if s < end and e > start
        ]
        return {"scheduleId": email, "availabilityView": "0", "scheduleItems": items}

    def _create(self, request: Request) -> Answer:
        mailbox = unquote(request.path.split("/")[3])
        event = request.json() | {
            "id": "AAMkAG" + secrets.token_hex(12),
            "webLink": "https://outlook.office365.com/owa/?itemid=AAMkAG&exvsurl=1&path=/calendar/item",
            "organizer": {"emailAddress": {"address": mailbox}},
        }
        self.events.append((mailbox, event))
        return Answer(201, event)


def _graph_time(value: dict) -> datetime:
    assert value["timeZone"] == "UTC"
    return datetime.fromisoformat(value["dateTime"]).replace(tzinfo=UTC)
