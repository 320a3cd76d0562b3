"""A fake Google: the OAuth token endpoint for service accounts (JWT-bearer grant, the signature checked
against the account's public key) and the Calendar API's freeBusy.query and events.insert, answering in
their documented shapes and errors."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

import jwt

from tests.calendars.endpoint import Answer, Endpoint, Request, Route

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
AUDIENCE = "https://oauth2.googleapis.com/token"  # what google-auth signs for, whatever the key's token_uri
CALENDAR = "/calendar/v3"
BAD_SIGNATURE = Answer(400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."})
UNKNOWN_USER = Answer(400, {"error": "invalid_grant", "error_description": "Invalid email or User ID"})
NOT_AUTHORISED = Answer(
    401,
    {
        "error": "unauthorized_client",
        "error_description": "Client is unauthorized to retrieve access tokens using this method, or client "
        "not authorized for any of the scopes requested.",
    },
)


def api_error(status: int, reason: str, message: str, state: str) -> Answer:
    """The Calendar API's error body (the Google JSON style guide's)."""
    error = {"domain": "global" if status != 429 else "usageLimits", "reason": reason, "message": message}
    return Answer(status, {"error": {"code": status, "message": message, "errors": [error], "status": state}})


FORBIDDEN = api_error(403, "forbidden", "The caller does not have permission", "PERMISSION_DENIED")
RATE_LIMITED = api_error(429, "rateLimitExceeded", "Rate Limit Exceeded", "RESOURCE_EXHAUSTED")
INVALID_CREDENTIALS = api_error(401, "authError", "Invalid Credentials", "UNAUTHENTICATED")


@dataclass
class FakeGoogle:
    """Google as a domain's service account sees it: `directory` is the domain's users; `busy` theirs."""

    public_key: bytes
    client_email: str
    directory: set[str]
    granted_scopes: set[str]
    busy: dict[str, list[tuple[datetime, datetime]]] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)
    tokens: dict[str, str] = field(default_factory=dict)  # access token -> the user it acts as

    def __post_init__(self) -> None:
        self.endpoint = Endpoint(self._route)
        self.token_uri = f"{self.endpoint.url}/token"
        self.api_url = f"{self.endpoint.url}{CALENDAR}/"

    def close(self) -> None:
        self.endpoint.close()

    def _route(self, request: Request) -> tuple[str, Route]:
        if request.method == "POST" and request.path == "/token":
            return "token", self._token
        if request.method == "POST" and request.path == f"{CALENDAR}/freeBusy":
            return "freebusy", self._authorised(self._freebusy)
        if request.method == "POST" and request.path == f"{CALENDAR}/calendars/primary/events":
            return "insert", self._authorised(self._insert)
        return "unknown", lambda _: api_error(404, "notFound", "Not Found", "NOT_FOUND")

    def _token(self, request: Request) -> Answer:
        form = request.form()
        if form.get("grant_type") != JWT_BEARER:
            return Answer(400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type"})
        try:
            claims = jwt.decode(
                form.get("assertion", ""), self.public_key, algorithms=["RS256"], audience=AUDIENCE
            )
        except jwt.InvalidTokenError:
            return BAD_SIGNATURE
        if claims.get("iss") != self.client_email:
            return BAD_SIGNATURE
        if claims.get("sub") not in self.directory:
            return UNKNOWN_USER
        if not set(str(claims.get("scope", "")).split()) <= self.granted_scopes:
            return NOT_AUTHORISED
        token = "ya29." + secrets.token_urlsafe(16)
        self.tokens[token] = claims["sub"]
        return Answer(200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

    def _authorised(self, route: Route) -> Route:
        def checked(request: Request) -> Answer:
            if request.bearer not in self.tokens:
                return INVALID_CREDENTIALS
            return route(request)

        return checked

    def _freebusy(self, request: Request) -> Answer:
        body = request.json()
        start, end = datetime.fromisoformat(body["timeMin"]), datetime.fromisoformat(body["timeMax"])
        calendars = {}
        for item in body["items"]:
            email = item["id"]
            if email not in self.directory:
                calendars[email] = {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []}
                continue
            periods = [(s, e) for s, e in self.busy.get(email, []) if s < end and e > start]
            calendars[email] = {"busy": [{"start": _rfc3339(s), "end": _rfc3339(e)} for s, e in periods]}
        return Answer(
            200,
            {
                "kind": "calendar#freeBusy",
                "timeMin": body["timeMin"],
                "timeMax": body["timeMax"],
                "calendars": calendars,
            },
        )

    def _insert(self, request: Request) -> Answer:
        body = request.json()
        organiser = self.tokens[request.bearer or ""]
        event_id = secrets.token_hex(13)
        event = body | {
            "kind": "calendar#event",
            "id": event_id,
            "status": "confirmed",
            "htmlLink": f"https://www.google.com/calendar/event?eid={event_id}",
            "organizer": {"email": organiser, "self": True},
            "attendees": [a | {"responseStatus": "needsAction"} for a in body.get("attendees", [])],
            "sendUpdates": request.query.get("sendUpdates"),
        }
        self.events.append(event)
        return Answer(200, {k: v for k, v in event.items() if k != "sendUpdates"})


def _rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
