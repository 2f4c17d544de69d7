"""The semantic scenario: checks of meaning that a schema-driven fuzzer cannot know.

It creates its own conversations in fresh groups (ids no other run will use), so it can run
against a server that already holds data: it only ever reasons about what it created, and every
list it inspects is narrowed to one of its groups.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from protocol_conformance.error_object import EXPECTED_ERROR_OBJECT, error_object_problem
from protocol_conformance.http import ApiClient, Credential, Exchange, JsonObject, ServerUnreachable
from protocol_conformance.results import SEMANTIC, Failure, RunResults

COLLECTION = "/v1/conversations"
ARCHIVED_AT = 1_700_000_000

# Check names, as reported and as the tests assert them.
CREATE_THEN_GET = "create_then_get"
UPDATE_PERSISTED = "update_persisted"
DELETE_REMOVES = "delete_removes"
FILTER_MUTED = "filter_muted"
FILTER_PINNED = "filter_pinned"
FILTER_ARCHIVED = "filter_archived"
FILTER_GROUP_ID = "filter_group_id"
LIMIT_RESPECTED = "limit_respected"
HAS_MORE_EXACT = "has_more_exact"
LIST_ORDER = "list_order"
CURSOR_WALK = "cursor_walk"
TENANT_ISOLATION = "tenant_isolation"
AUTHENTICATION = "authentication"
INVALID_REQUESTS_REJECTED = "invalid_requests_rejected"
ERROR_OBJECT = "error_object"

SEMANTIC_CHECKS = (
    CREATE_THEN_GET,
    UPDATE_PERSISTED,
    DELETE_REMOVES,
    FILTER_MUTED,
    FILTER_PINNED,
    FILTER_ARCHIVED,
    FILTER_GROUP_ID,
    LIMIT_RESPECTED,
    HAS_MORE_EXACT,
    LIST_ORDER,
    CURSOR_WALK,
    TENANT_ISOLATION,
    AUTHENTICATION,
    INVALID_REQUESTS_REJECTED,
    ERROR_OBJECT,
)


def fresh_id() -> str:
    """A random id of the documented shape (16 letters and digits)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(16))


@dataclass
class Scenario:
    """One run of the semantic checks against one server."""

    api: ApiClient
    owner: Credential
    other: Credential | None
    results: RunResults
    group: str = field(default_factory=fresh_id)
    side_group: str = field(default_factory=fresh_id)
    # What the scenario believes each of its conversations looks like now, by id.
    known: dict[str, JsonObject] = field(default_factory=dict)
    created_order: list[str] = field(default_factory=list)
    foreign: list[tuple[Credential, str]] = field(default_factory=list)

    # -- recording -------------------------------------------------------------------------

    def verdict(
        self,
        check: str,
        exchange: Exchange,
        holds: bool,
        *,
        expected: str,
        received: str,
        steps: Iterable[Exchange] = (),
    ) -> bool:
        """Record one outcome of `check`; on failure, keep the curl lines that show it."""
        if holds:
            self.results.record(SEMANTIC, check, exchange.operation, passed=True)
            return True
        curls = [step.curl for step in steps if step is not exchange] + [exchange.curl]
        self.results.fail(
            Failure(
                suite=SEMANTIC,
                check=check,
                operation=exchange.operation,
                message=f"expected: {expected}\nreceived: {received}",
                curl="\n".join(dict.fromkeys(curls)),
            )
        )
        return False

    def send(
        self,
        method: str,
        path: str,
        *,
        as_: Credential | None = None,
        params: Mapping[str, str | int] | None = None,
        json_body: Any = None,
        form: list[tuple[str, str]] | None = None,
        raw: tuple[str, str] | None = None,
    ) -> Exchange:
        """Send a request (as the owner unless told otherwise) and hold its error body to the rule."""
        credential = self.owner if as_ is None else as_
        exchange = self.api.send(
            method, path, credential, params=params, json_body=json_body, form=form, raw=raw
        )
        self.check_error_object(exchange)
        return exchange

    def send_anonymous(
        self, method: str, path: str, headers: Mapping[str, str] | None = None
    ) -> Exchange:
        exchange = self.api.send(method, path, None, headers=headers)
        self.check_error_object(exchange)
        return exchange

    def check_error_object(self, exchange: Exchange) -> None:
        if exchange.status < 400:
            return
        problem = error_object_problem(exchange.status, exchange.content_type, exchange.body)
        self.verdict(
            ERROR_OBJECT,
            exchange,
            problem is None,
            expected=f"a {exchange.status} response with {EXPECTED_ERROR_OBJECT}",
            received=f"{problem} in {exchange.describe()}",
        )

    # -- helpers ---------------------------------------------------------------------------

    def list_page(self, *, as_: Credential | None = None, **params: str | int) -> Exchange:
        return self.send("GET", COLLECTION, as_=as_, params=params)

    def list_with(self, params: Mapping[str, str | int]) -> Exchange:
        return self.send("GET", COLLECTION, params=params)

    def page_ids(self, exchange: Exchange) -> list[str] | None:
        """The ids of a list page, or None when the answer is not a page at all."""
        body = exchange.body
        if (
            exchange.status != 200
            or not isinstance(body, dict)
            or not isinstance(body.get("data"), list)
        ):
            return None
        return [str(item.get("id")) for item in body["data"] if isinstance(item, dict)]

    def expected_order(self, ids: Iterable[str]) -> list[str]:
        """The documented list order: created_at descending, then id descending (byte order)."""
        return sorted(ids, key=lambda i: (self.known[i]["created_at"], i.encode()), reverse=True)

    def group_ids(self) -> list[str]:
        return [i for i in self.created_order if self.known[i]["group_id"] == self.group]

    # -- the scenario ----------------------------------------------------------------------

    def run(self) -> None:
        steps: list[Callable[[], None]] = [
            self.create_conversations,
            self.update_conversations,
            self.check_filters,
            self.check_limits,
            self.check_order,
            self.check_cursor_walk,
            self.check_authentication,
            self.check_invalid_requests,
            self.check_tenant_isolation,
            self.check_delete,
        ]
        try:
            for step in steps:
                step()
        except ServerUnreachable as exc:
            self.results.errors.append(
                f"The semantic scenario stopped: the server stopped answering. {exc}"
            )
        except _CannotContinue as exc:
            self.results.errors.append(f"The semantic scenario stopped early: {exc}")
        finally:
            self.clean_up()

    def create_conversations(self) -> None:
        # Six in the scenario's group (half JSON, half form-encoded: both must mean the same),
        # one in a second group and one with a contact, so that filters have something to leave out.
        bodies: list[tuple[str, str, bool]] = [
            ("group_id", self.group, index % 2 == 1) for index in range(6)
        ]
        bodies += [("group_id", self.side_group, False), ("contact_id", fresh_id(), True)]
        for key, value, as_form in bodies:
            if as_form:
                created = self.send("POST", COLLECTION, form=[(key, value)])
            else:
                created = self.send("POST", COLLECTION, json_body={key: value})
            conversation = self.check_created(created, key, value)
            if conversation is None:
                raise _CannotContinue(
                    f"creating a conversation failed: {created.describe()}\n{created.curl}"
                )
            self.known[conversation["id"]] = conversation
            self.created_order.append(conversation["id"])
            fetched = self.send("GET", f"{COLLECTION}/{conversation['id']}")
            self.verdict(
                CREATE_THEN_GET,
                fetched,
                fetched.status == 200 and fetched.body == conversation,
                expected=f"200 with the conversation create returned: {conversation}",
                received=fetched.describe(),
                steps=[created],
            )

    def check_created(self, created: Exchange, key: str, value: str) -> JsonObject | None:
        body = created.body
        other_key = "contact_id" if key == "group_id" else "group_id"
        defaults = {
            key: value,
            other_key: None,
            "pinned_message_id": None,
            "is_pinned": False,
            "is_muted": False,
            "last_active_at": None,
            "last_opened_at": None,
            "archived_at": None,
        }
        is_conversation = (
            200 <= created.status < 300
            and isinstance(body, dict)
            and isinstance(body.get("id"), str)
            and isinstance(body.get("created_at"), int)
        )
        ok = (
            is_conversation
            and created.status == 201
            and isinstance(body, dict)
            and all(body.get(name, "missing") == wanted for name, wanted in defaults.items())
        )
        self.verdict(
            CREATE_THEN_GET,
            created,
            ok,
            expected=f"201 with a new conversation {defaults} (plus id and created_at)",
            received=created.describe(),
        )
        # A wrong status or default is reported above; the conversation still exists, so go on.
        if not is_conversation or not isinstance(body, dict):
            return None
        location = created.headers.get("location", "")
        self.verdict(
            CREATE_THEN_GET,
            created,
            location.endswith(f"{COLLECTION}/{body['id']}"),
            expected=f"a Location header naming {COLLECTION}/{body['id']}",
            received=f"Location: {location or '(none)'}",
        )
        return body

    def update_conversations(self) -> None:
        c0, c1, c2, c3, c4, _c5 = self.group_ids()
        pinned_message = fresh_id()
        updates: list[tuple[str, JsonObject, list[tuple[str, str]] | None]] = [
            (c0, {"is_muted": True}, None),
            (c1, {"is_pinned": True, "pinned_message_id": pinned_message}, None),
            # A form writes integers in decimal, and `10.0` is the same integer as `10`.
            (c2, {"archived_at": ARCHIVED_AT}, [("archived_at", f"{ARCHIVED_AT}.0")]),
            (c3, {"is_muted": True, "is_pinned": True, "archived_at": ARCHIVED_AT}, None),
            (c4, {"archived_at": ARCHIVED_AT, "pinned_message_id": pinned_message}, None),
            # Clearing: JSON null, and in a form the word `null`.
            (c4, {"archived_at": None}, None),
            (c4, {"pinned_message_id": None}, [("pinned_message_id", "null")]),
            (c1, {"is_muted": False}, [("is_muted", "false")]),
            (c0, {}, None),  # an empty body changes nothing
        ]
        for conversation_id, change, form in updates:
            self.update_and_verify(conversation_id, change, form)
        self.check_unknown_attribute_rejected(c0)

    def update_and_verify(
        self, conversation_id: str, change: JsonObject, form: list[tuple[str, str]] | None
    ) -> None:
        path = f"{COLLECTION}/{conversation_id}"
        if form is not None:
            updated = self.send("PUT", path, form=form)
        else:
            updated = self.send("PUT", path, json_body=change)
        wanted = {**self.known[conversation_id], **change}
        if not self.verdict(
            UPDATE_PERSISTED,
            updated,
            updated.status == 200 and updated.body == wanted,
            expected=f"200 with the conversation as changed: {wanted}",
            received=updated.describe(),
        ):
            self.known[conversation_id] = wanted  # judge later steps against what the spec says
            return
        self.known[conversation_id] = wanted
        fetched = self.send("GET", path)
        self.verdict(
            UPDATE_PERSISTED,
            fetched,
            fetched.status == 200 and fetched.body == wanted,
            expected=f"the next get to show the update: 200 {wanted}",
            received=fetched.describe(),
            steps=[updated],
        )
        listed = self.list_page(group_id=wanted["group_id"] or "", limit=100)
        found = _find(listed.body, conversation_id)
        self.verdict(
            UPDATE_PERSISTED,
            listed,
            found == wanted,
            expected=f"the next list to show the update: {wanted}",
            received=f"{found}"
            if found is not None
            else f"no such conversation in {listed.describe()}",
            steps=[updated],
        )

    def check_unknown_attribute_rejected(self, conversation_id: str) -> None:
        path = f"{COLLECTION}/{conversation_id}"
        before = self.known[conversation_id]
        rejected = self.send(
            "PUT", path, json_body={"is_muted": not before["is_muted"], "colour": "blue"}
        )
        self.verdict(
            INVALID_REQUESTS_REJECTED,
            rejected,
            rejected.status == 400,
            expected="400 invalid_request for an attribute update does not know",
            received=rejected.describe(),
        )
        fetched = self.send("GET", path)
        self.verdict(
            UPDATE_PERSISTED,
            fetched,
            fetched.status == 200 and fetched.body == before,
            expected=f"a rejected update to change nothing: {before}",
            received=fetched.describe(),
            steps=[rejected],
        )

    def check_filters(self) -> None:
        mine = self.group_ids()
        for check, name, attribute in (
            (FILTER_MUTED, "muted", lambda c: c["is_muted"]),
            (FILTER_PINNED, "pinned", lambda c: c["is_pinned"]),
            (FILTER_ARCHIVED, "archived", lambda c: c["archived_at"] is not None),
        ):
            for value in (True, False):
                wanted = [i for i in mine if attribute(self.known[i]) == value]
                word = "true" if value else "false"
                page = self.list_with({"group_id": self.group, "limit": 100, name: word})
                self.expect_ids(check, page, wanted, f"{name}={word} within group {self.group}")
            # Beyond the scenario's group: every conversation listed must match.
            page = self.list_with({"limit": 100, name: "true"})
            strays = [item for item in _items(page.body) if not _matches(item, name)]
            self.verdict(
                check,
                page,
                page.status == 200 and not strays,
                expected=f"only conversations with {name}=true",
                received=f"{len(strays)} that do not match, e.g. {strays[:1]}"
                if strays
                else page.describe(),
            )
        for group, wanted in (
            (self.group, mine),
            (
                self.side_group,
                [i for i in self.created_order if self.known[i]["group_id"] == self.side_group],
            ),
            (fresh_id(), []),
        ):
            page = self.list_page(group_id=group, limit=100)
            self.expect_ids(FILTER_GROUP_ID, page, wanted, f"group_id={group}")

    def expect_ids(self, check: str, page: Exchange, wanted: list[str], what: str) -> None:
        ids = self.page_ids(page)
        received = page.describe() if ids is None else f"ids {sorted(ids)}"
        self.verdict(
            check,
            page,
            ids is not None and sorted(ids) == sorted(wanted),
            expected=f"exactly the conversations with {what}: ids {sorted(wanted)}",
            received=received,
        )

    def check_limits(self) -> None:
        mine = self.group_ids()
        for limit in range(1, len(mine) + 2):
            page = self.list_page(group_id=self.group, limit=limit)
            ids = self.page_ids(page)
            if ids is None:
                self.verdict(
                    LIMIT_RESPECTED,
                    page,
                    False,
                    expected="200 with a page",
                    received=page.describe(),
                )
                continue
            wanted_count = min(limit, len(mine))
            self.verdict(
                LIMIT_RESPECTED,
                page,
                len(ids) == wanted_count,
                expected=f"{wanted_count} conversations for limit={limit} ({len(mine)} match)",
                received=f"{len(ids)} conversations",
            )
            wanted_more = len(mine) > limit
            self.verdict(
                HAS_MORE_EXACT,
                page,
                _has_more(page) is wanted_more,
                expected=f"has_more={wanted_more} for limit={limit} with {len(mine)} matching",
                received=f"has_more={_has_more(page)}",
            )

    def check_order(self) -> None:
        wanted = self.expected_order(self.group_ids())
        page = self.list_page(group_id=self.group, limit=100)
        ids = self.page_ids(page)
        self.verdict(
            LIST_ORDER,
            page,
            ids == wanted,
            expected=f"newest first (created_at desc, then id desc): {wanted}",
            received=f"{ids}" if ids is not None else page.describe(),
        )

    def check_cursor_walk(self) -> None:
        wanted = self.expected_order(self.group_ids())
        limit = 2
        pages: list[tuple[Exchange, list[str]]] = []
        params: dict[str, str | int] = {"group_id": self.group, "limit": limit}
        # Forward: first page, then `starting_after` the last id, until has_more is false.
        while len(pages) <= len(wanted):
            page = self.list_with(params)
            ids = self.page_ids(page)
            if ids is None:
                self.verdict(
                    CURSOR_WALK, page, False, expected="200 with a page", received=page.describe()
                )
                return
            pages.append((page, ids))
            more = _has_more(page)
            index = sum(len(p) for _, p in pages)
            self.verdict(
                HAS_MORE_EXACT,
                page,
                more is (index < len(wanted)),
                expected=f"has_more={index < len(wanted)} after {index} of {len(wanted)} conversations",
                received=f"has_more={more}",
            )
            if not more or not ids:
                break
            params = {"group_id": self.group, "limit": limit, "starting_after": ids[-1]}
        walked = [i for _, ids in pages for i in ids]
        self.verdict(
            CURSOR_WALK,
            pages[-1][0],
            walked == wanted,
            expected=f"pages of {limit} with starting_after to visit each conversation once, in order: {wanted}",
            received=f"{walked}",
            steps=[page for page, _ in pages],
        )
        # Backward: from the last page, `ending_before` its first id, until has_more is false.
        back: list[tuple[Exchange, list[str]]] = [pages[-1]]
        while len(back) <= len(wanted) and back[0][1]:
            first = back[0][1][0]
            page = self.list_page(group_id=self.group, limit=limit, ending_before=first)
            ids = self.page_ids(page)
            if ids is None:
                self.verdict(
                    CURSOR_WALK, page, False, expected="200 with a page", received=page.describe()
                )
                return
            back.insert(0, (page, ids))
            before = wanted.index(first) if first in wanted else 0
            more = _has_more(page)
            self.verdict(
                HAS_MORE_EXACT,
                page,
                more is (before - len(ids) > 0),
                expected=f"has_more={before - len(ids) > 0} with ending_before={first}",
                received=f"has_more={more}",
            )
            if not more:
                break
        walked_back = [i for _, ids in back for i in ids]
        self.verdict(
            CURSOR_WALK,
            back[0][0],
            walked_back == wanted,
            expected=f"pages of {limit} with ending_before to visit each conversation once, in order: {wanted}",
            received=f"{walked_back}",
            steps=[page for page, _ in back],
        )

    def check_authentication(self) -> None:
        for exchange, what in (
            (self.send_anonymous("GET", COLLECTION), "no credentials"),
            (
                self.send_anonymous(
                    "GET", COLLECTION, headers={"Authorization": f"Bearer {fresh_id()}x"}
                ),
                "an unknown token",
            ),
        ):
            self.verdict(
                AUTHENTICATION,
                exchange,
                exchange.status == 401 and "www-authenticate" in exchange.headers,
                expected=f"401 with a WWW-Authenticate header for {what}",
                received=f"{exchange.describe()} (WWW-Authenticate: {exchange.headers.get('www-authenticate')})",
            )
        basic = replace(self.owner, basic=True)
        with_basic = self.send("GET", COLLECTION, as_=basic, params={"limit": 1})
        self.verdict(
            AUTHENTICATION,
            with_basic,
            with_basic.status == 200,
            expected="200 for HTTP Basic with the token as the password (documented, discouraged)",
            received=with_basic.describe(),
        )
        some_id = self.group_ids()[0]
        anonymous = self.send_anonymous("GET", f"{COLLECTION}/{some_id}")
        self.verdict(
            AUTHENTICATION,
            anonymous,
            anonymous.status == 401,
            expected="401 for an existing conversation asked for without credentials",
            received=anonymous.describe(),
        )

    def check_invalid_requests(self) -> None:
        some_id = self.group_ids()[0]
        cases: list[tuple[str, Exchange, int]] = [
            ("limit=0", self.list_page(limit=0), 400),
            ("limit=101", self.list_page(limit=101), 400),
            ("limit=ten", self.list_page(limit="ten"), 400),
            ("muted=yes", self.list_page(muted="yes"), 400),
            ("both cursors", self.list_page(starting_after=some_id, ending_before=some_id), 400),
            (
                "a cursor that is none of your conversations",
                self.list_page(starting_after=fresh_id()),
                400,
            ),
            (
                "a cursor outside the filter",
                self.list_page(group_id=self.side_group, starting_after=some_id),
                400,
            ),
            ("an unknown id", self.send("GET", f"{COLLECTION}/{fresh_id()}"), 404),
            (
                "both contact_id and group_id",
                self.send(
                    "POST", COLLECTION, json_body={"contact_id": fresh_id(), "group_id": fresh_id()}
                ),
                400,
            ),
            ("an empty create body", self.send("POST", COLLECTION, json_body={}), 400),
            (
                "a text/plain body",
                self.send("POST", COLLECTION, raw=("text/plain", "contact_id=x")),
                415,
            ),
            ("an undefined query parameter (misspelt filter)", self.list_page(mutd="true"), 400),
            (
                "an empty form value for archived_at (an empty string, not null)",
                self.send("PUT", f"{COLLECTION}/{some_id}", form=[("archived_at", "")]),
                400,
            ),
            (
                "a key given twice in a form",
                self.send(
                    "PUT",
                    f"{COLLECTION}/{some_id}",
                    form=[("is_muted", "true"), ("is_muted", "false")],
                ),
                400,
            ),
            (
                "a body over 65536 bytes",
                self.send("PUT", f"{COLLECTION}/{some_id}", raw=("application/json", _big_body())),
                413,
            ),
            (
                "a boolean written 1 in a form",
                self.send("PUT", f"{COLLECTION}/{some_id}", form=[("is_muted", "1")]),
                400,
            ),
        ]
        for what, exchange, status in cases:
            if exchange.status == 201 and isinstance(exchange.body, dict) and "id" in exchange.body:
                self.foreign.append((self.owner, str(exchange.body["id"])))  # delete it afterwards
            self.verdict(
                INVALID_REQUESTS_REJECTED,
                exchange,
                exchange.status == status,
                expected=f"{status} for {what}",
                received=exchange.describe(),
            )

    def check_tenant_isolation(self) -> None:
        if self.other is None:
            return
        other = self.other
        c0, c1 = self.group_ids()[:2]
        flip = {"is_muted": not self.known[c0]["is_muted"]}
        for method, conversation_id, body in (
            ("GET", c0, None),
            ("PUT", c0, flip),
            ("DELETE", c1, None),
        ):
            attempt = self.send(
                method, f"{COLLECTION}/{conversation_id}", as_=other, json_body=body
            )
            self.verdict(
                TENANT_ISOLATION,
                attempt,
                attempt.status == 404,
                expected=f"404 for {method} of another account's conversation",
                received=attempt.describe(),
            )
            after = self.send("GET", f"{COLLECTION}/{conversation_id}")
            self.verdict(
                TENANT_ISOLATION,
                after,
                after.status == 200 and after.body == self.known[conversation_id],
                expected=f"the owner's conversation untouched by the other account's {method}: {self.known[conversation_id]}",
                received=after.describe(),
                steps=[attempt],
            )
        listed = self.list_page(as_=other, group_id=self.group, limit=100)
        self.verdict(
            TENANT_ISOLATION,
            listed,
            listed.status == 200 and self.page_ids(listed) == [],
            expected=f"no conversations for the other account in the owner's group {self.group}",
            received=listed.describe(),
        )
        # The other way round: the other account's conversation, in the very same group.
        theirs = self.send("POST", COLLECTION, as_=other, json_body={"group_id": self.group})
        if theirs.status != 201 or not isinstance(theirs.body, dict) or "id" not in theirs.body:
            return
        their_id = str(theirs.body["id"])
        self.foreign.append((other, their_id))
        seen = self.send("GET", f"{COLLECTION}/{their_id}")
        self.verdict(
            TENANT_ISOLATION,
            seen,
            seen.status == 404,
            expected="404 for the owner's get of the other account's conversation",
            received=seen.describe(),
            steps=[theirs],
        )
        page = self.list_page(group_id=self.group, limit=100)
        self.verdict(
            TENANT_ISOLATION,
            page,
            their_id not in (self.page_ids(page) or []),
            expected=f"the owner's list of group {self.group} without the other account's {their_id}",
            received=page.describe(),
            steps=[theirs],
        )

    def check_delete(self) -> None:
        victim = self.group_ids()[-1]
        path = f"{COLLECTION}/{victim}"
        deleted = self.send("DELETE", path)
        if not self.verdict(
            DELETE_REMOVES,
            deleted,
            deleted.status == 204 and deleted.text == "",
            expected="204 with an empty body",
            received=deleted.describe(),
        ):
            return
        self.known.pop(victim)
        self.created_order.remove(victim)
        for method, body in (("GET", None), ("PUT", {"is_muted": True}), ("DELETE", None)):
            after = self.send(method, path, json_body=body)
            self.verdict(
                DELETE_REMOVES,
                after,
                after.status == 404,
                expected=f"404 for {method} after delete",
                received=after.describe(),
                steps=[deleted],
            )
        page = self.list_page(group_id=self.group, limit=100)
        self.verdict(
            DELETE_REMOVES,
            page,
            page.status == 200 and victim not in (self.page_ids(page) or []),
            expected=f"the list of group {self.group} without the deleted {victim}",
            received=page.describe(),
            steps=[deleted],
        )

    def clean_up(self) -> None:
        """Delete what the scenario created, so that repeated runs do not pile up data.

        After a failure the data stays: the curl lines of the report need it to reproduce.
        """
        if any(failure.suite == SEMANTIC for failure in self.results.failures):
            return
        leftovers = [(self.owner, i) for i in self.created_order] + self.foreign
        for credential, conversation_id in leftovers:
            try:
                self.api.send("DELETE", f"{COLLECTION}/{conversation_id}", credential)
            except ServerUnreachable:
                return


class _CannotContinue(Exception):
    """A step failed in a way that leaves later steps nothing to check."""


def _big_body() -> str:
    """A valid update, padded with whitespace past the documented 65536-byte limit."""
    return '{"is_muted": false' + " " * 70_000 + "}"


def _items(body: Any) -> list[JsonObject]:
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        return []
    return [item for item in body["data"] if isinstance(item, dict)]


def _find(body: Any, conversation_id: str) -> JsonObject | None:
    return next((item for item in _items(body) if item.get("id") == conversation_id), None)


def _has_more(page: Exchange) -> object:
    return page.body.get("has_more") if isinstance(page.body, dict) else None


def _matches(item: JsonObject, name: str) -> bool:
    if name == "muted":
        return item.get("is_muted") is True
    if name == "pinned":
        return item.get("is_pinned") is True
    return item.get("archived_at") is not None


def run_scenario(
    base_url: str, token: str, other_token: str | None, results: RunResults, *, timeout: float
) -> None:
    """Run every semantic check against `base_url`, adding outcomes and the request count to `results`."""
    api = ApiClient(base_url, timeout=timeout)
    try:
        scenario = Scenario(
            api=api,
            owner=Credential(token, "TOKEN"),
            other=Credential(other_token, "OTHER_TOKEN") if other_token else None,
            results=results,
        )
        scenario.run()
    finally:
        results.requests[SEMANTIC] += api.requests_sent
        api.close()
