"""Live URL checks for the ``network`` scope (``dpglint check --online``).

The URLs come from untrusted metadata and the checks run in CI, so every check is safe
and bounded:

* only ``http``/``https`` URLs are fetched; ``HEAD`` first, then a ``GET`` when the server
  rejects ``HEAD`` (400, 403, 405, 501); a ``GET`` reads at most ``max_bytes`` of the body
  and then closes the connection;
* redirects are followed here, one hop at a time, up to ``max_redirects``, and every hop
  goes through the same address check;
* every host name is resolved once per connection, *every* address it resolves to must be
  public (unless ``allow_private``), and the socket is opened to one of those validated
  addresses: there is no second resolution for a DNS-rebinding answer to slip into. TLS
  still verifies the certificate against, and sends SNI for, the host name;
* each network operation has ``timeout``; a URL as a whole (DNS, every hop, the GET
  fallback) has at most three times ``timeout``; the checker as a whole has a time ``budget``
  counted from its first check: URLs not started when it runs out come back ``skipped``,
  and URLs in flight get at most ``timeout`` more;
* environment proxies and ``.netrc`` are never used (urllib3 reads neither), so no
  credential is sent to a host named by the metadata;
* nothing raises out of :meth:`UrlChecker.check` or :meth:`UrlChecker.check_all`: every
  failure is an outcome with a one-sentence detail. Only the constructor raises
  :class:`UrlCheckerError`, for settings that make no sense.

urllib3 (2.x) is used directly rather than through ``requests``: redirects are followed
by hand anyway, and its connection classes are the place to pin a connection to a
validated address.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationValueError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.response import BaseHTTPResponse
from urllib3.util import Timeout, parse_url

from dpglint import __version__

__all__ = [
    "OUTCOMES",
    "Resolver",
    "UrlCheck",
    "UrlChecker",
    "UrlCheckerError",
    "address_problem",
    "system_resolver",
]

PROJECT_URL = "https://pypi.org/project/dpglint/"

OUTCOMES = (
    "ok",
    "broken",
    "blocked",
    "server-error",
    "timeout",
    "unreachable",
    "private-address",
    "too-many-redirects",
    "invalid",
    "skipped",
)

Resolver = Callable[[str, int], list[str]]
"""``(host, port) -> IP address strings``. To say that a name does not exist, raise
``socket.gaierror(socket.EAI_NONAME, ...)``; any other exception is a failed lookup."""

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_HEAD_REJECTED = frozenset({400, 403, 405, 501})  # answers that may mean "no HEAD here"
_BLOCKED = frozenset({401, 403, 429})
_URL_LIMIT_FACTOR = 3  # a URL as a whole gets at most this many timeouts
_GRACE = 0.25  # seconds a finished-by-deadline check may take to report back
_MAX_URL_LENGTH = 8192
_MAX_CONNECT_ADDRESSES = 4  # addresses tried, in order, for one connection
_READ_CHUNK = 65536

_RFC1918 = tuple(
    ipaddress.IPv4Network(net) for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
)
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_ULA = ipaddress.IPv6Network("fc00::/7")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SSL_SUFFIX = re.compile(r"\s*\(_ssl\.c:\d+\)")


class UrlCheckerError(ValueError):
    """The checker was given settings that make no sense (raised by the constructor only)."""


@dataclass(frozen=True)
class UrlCheck:
    """What checking one URL found.

    ``outcome`` is one of :data:`OUTCOMES`: ``ok``; ``broken`` (404, 410, any other 4xx
    but 401/403/429, or a host name that does not exist); ``blocked`` (401/403/429:
    bot-blocking or a login); ``server-error`` (5xx); ``timeout``; ``unreachable``
    (connection refused or reset, TLS error, DNS failure other than a missing name);
    ``private-address`` (refused: resolves to a non-public address); ``too-many-redirects``
    (more than ``max_redirects``, or a loop); ``invalid`` (not an http(s) URL, or a
    redirect to one); ``skipped`` (the time budget ran out before it was checked).
    """

    url: str
    outcome: str
    status: int | None  # the final HTTP status, when there was one
    final_url: str | None  # the last URL of the redirect chain (None when never fetched)
    redirects: tuple[str, ...]  # the chain of Location targets followed
    detail: str  # one short human sentence

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def system_resolver(host: str, port: int) -> list[str]:
    """The default :data:`Resolver`: the system's ``getaddrinfo``, addresses in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class UrlChecker:
    """Checks that URLs answer; one instance per run (it holds the cache and the budget).

    Thread-safe: :meth:`check` may be called from several threads; the same URL is
    fetched once and every caller gets that result.
    """

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        max_workers: int = 8,
        budget: float = 60.0,
        max_bytes: int = 1_000_000,
        max_redirects: int = 5,
        allow_private: bool = False,
        user_agent: str = f"dpglint/{__version__} (+{PROJECT_URL})",
        resolver: Resolver | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not _positive(timeout):
            raise UrlCheckerError(f"timeout must be a positive number of seconds, not {timeout!r}")
        if not _positive(budget) and budget != 0:
            raise UrlCheckerError(f"budget must be a number of seconds >= 0, not {budget!r}")
        for name, value, low in (
            ("max_workers", max_workers, 1),
            ("max_bytes", max_bytes, 0),
            ("max_redirects", max_redirects, 0),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise UrlCheckerError(f"{name} must be an integer >= {low}, not {value!r}")
        if not isinstance(user_agent, str) or not user_agent or _CONTROL.search(user_agent):
            raise UrlCheckerError("user_agent must be a non-empty string on one line")
        if resolver is not None and not callable(resolver):
            raise UrlCheckerError("resolver must be callable")
        self.timeout = float(timeout)
        self.max_workers = max_workers
        self.budget = float(budget)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allow_private = bool(allow_private)
        self.user_agent = user_agent
        self.resolver: Resolver = resolver or system_resolver
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: dict[str, Future[UrlCheck]] = {}
        self._budget_end: float | None = None

    # ------------------------------------------------------------------ public

    def check(self, url: str) -> UrlCheck:
        """Check one URL (cached: a URL is fetched at most once per checker)."""
        try:
            return self._check_cached(url)
        except Exception as exc:  # a bug here must not take the run down
            return _internal_error(url, exc)

    def check_all(self, urls: Iterable[str]) -> dict[str, UrlCheck]:
        """Check URLs concurrently (``max_workers`` at a time), each once, within the
        budget; returns ``{url: UrlCheck}`` in first-seen order."""
        try:
            unique = list(dict.fromkeys(_hashable(url) for url in urls))
        except Exception:  # an iterable that fails part-way: nothing sensible to check
            return {}
        if not unique:
            return {}
        budget_end = self._start_budget()
        results: dict[str, UrlCheck] = {}
        futures: dict[str, Future[UrlCheck]] = {}
        executor = ThreadPoolExecutor(
            max_workers=min(self.max_workers, len(unique)), thread_name_prefix="dpglint-url"
        )
        try:
            for url in unique:
                futures[url] = executor.submit(self.check, url)
            remaining = max(0.0, budget_end + self.timeout - self._clock())
            wait(futures.values(), timeout=remaining + 2 * _GRACE)
        except Exception as exc:
            for url in unique:
                if url not in futures:
                    results[url] = _internal_error(url, exc)
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
        for url in unique:
            future = futures.get(url)
            if future is None:
                continue
            if future.done() and not future.cancelled():
                results[url] = future.result()
            elif future.cancelled():
                results[url] = self._skipped(url)
            else:
                results[url] = UrlCheck(
                    url, "timeout", None, None, (), "the time budget ran out while checking"
                )
        return {url: results[url] for url in unique if url in results}

    # ----------------------------------------------------------------- helpers

    def _start_budget(self) -> float:
        with self._lock:
            if self._budget_end is None:
                self._budget_end = self._clock() + self.budget
            return self._budget_end

    def _skipped(self, url: str) -> UrlCheck:
        return UrlCheck(
            url,
            "skipped",
            None,
            None,
            (),
            f"not checked: the {self.budget:g} s time budget for URL checks ran out",
        )

    def _check_cached(self, url: object) -> UrlCheck:
        if not isinstance(url, str):
            return UrlCheck(str(url), "invalid", None, None, (), "not a URL (not a string)")
        self._start_budget()
        with self._lock:
            entry = self._cache.get(url)
            owner = entry is None
            if entry is None:
                entry = self._cache[url] = Future()
        if not owner:
            return entry.result()
        result: UrlCheck | None = None
        try:
            result = self._check_now(url)
        except Exception as exc:
            result = _internal_error(url, exc)
        finally:  # also on KeyboardInterrupt: never leave other callers waiting
            entry.set_result(result or _internal_error(url, RuntimeError("interrupted")))
        return result

    def _check_now(self, url: str) -> UrlCheck:
        target, problem = _validate(url)
        if problem is not None:
            return UrlCheck(url, "invalid", None, None, (), problem)
        now = self._clock()
        budget_end = self._start_budget()
        if now >= budget_end:
            return self._skipped(url)
        own_limit = now + _URL_LIMIT_FACTOR * self.timeout
        budget_limit = budget_end + self.timeout
        if own_limit <= budget_limit:
            deadline = own_limit
            give_up = (
                f"gave up after {_URL_LIMIT_FACTOR * self.timeout:g} s (the limit for one URL)"
            )
        else:
            deadline = budget_limit
            give_up = "the time budget for URL checks ran out while checking"
        attempt = _Attempt(self, url, deadline, give_up)
        worker = threading.Thread(
            target=attempt.run, args=(target,), name="dpglint-url-io", daemon=True
        )
        worker.start()
        # The worker bounds each operation itself; this wait is the backstop for a server
        # that drips bytes just fast enough to defeat per-operation timeouts (or a DNS
        # lookup that hangs): the daemon worker is then abandoned, its sockets shut down.
        if not attempt.done.wait(max(0.0, deadline - self._clock()) + _GRACE):
            attempt.abort()
        return attempt.settle(attempt.make("timeout", give_up))


# ---------------------------------------------------------------------- one URL


class _Stop(Exception):
    """Ends a check with an outcome (raised inside the worker, through urllib3)."""

    def __init__(self, outcome: str, detail: str) -> None:
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail


class _Attempt:
    """The state of checking one URL: its deadline, redirect chain, connections."""

    def __init__(self, checker: UrlChecker, url: str, deadline: float, give_up: str) -> None:
        self.checker = checker
        self.url = url
        self.deadline = deadline
        self.give_up = give_up
        self.done = threading.Event()
        self.chain: list[str] = []
        self.final_url: str | None = None
        self.status: int | None = None
        self.last_timeout = checker.timeout
        self._lock = threading.Lock()
        self._aborted = False
        self._result: UrlCheck | None = None
        self._connections: list[HTTPConnection] = []
        self._pools: dict[tuple[str, str, int], HTTPConnectionPool] = {}
        self._headers = {"User-Agent": checker.user_agent, "Accept": "*/*"}

    # ---------------------------------------------------------- bookkeeping

    def make(self, outcome: str, detail: str) -> UrlCheck:
        return UrlCheck(
            self.url, outcome, self.status, self.final_url, tuple(self.chain), _short(detail)
        )

    def settle(self, result: UrlCheck) -> UrlCheck:
        """Record the result unless one is recorded already; return the recorded one."""
        with self._lock:
            if self._result is None:
                self._result = result
            return self._result

    @property
    def aborted(self) -> bool:
        with self._lock:
            return self._aborted

    def abort(self) -> None:
        """Give up: the result is a timeout (whatever the worker makes of its sockets being
        shut down: an EOF in the middle of the headers can even look like an answer), and
        the open sockets are shut down so that a blocked read returns at once."""
        timed_out = self.make("timeout", self.give_up)
        with self._lock:
            self._aborted = True
            if self._result is None:
                self._result = timed_out
            connections = list(self._connections)
        for connection in connections:
            sock = connection.sock
            if sock is not None:
                # the plain socket method: works on a TLS socket without touching TLS state
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def register(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connections.append(connection)
            aborted = self._aborted
        if aborted:
            raise _Stop("timeout", self.give_up)

    def op_timeout(self) -> float:
        """The timeout of the next network operation: ``timeout``, or less near the end."""
        if self.aborted:
            raise _Stop("timeout", self.give_up)
        remaining = self.deadline - self.checker._clock()
        if remaining <= 0:
            raise _Stop("timeout", self.give_up)
        self.last_timeout = min(self.checker.timeout, remaining)
        return self.last_timeout

    # ---------------------------------------------------------- addresses

    def addresses(self, host: str, port: int) -> list[str]:
        """The validated addresses to connect to for ``host`` (raises :class:`_Stop`)."""
        if _ip(host) is not None:
            found = [host]
        else:
            self.op_timeout()
            try:
                answer = self.checker.resolver(host, port)
            except socket.gaierror as exc:
                if exc.errno == socket.EAI_NONAME:
                    raise _Stop("broken", f"the host name {host} does not exist (DNS)") from None
                reason = exc.strerror or str(exc)
                raise _Stop("unreachable", f"DNS lookup for {host} failed: {reason}") from None
            except TimeoutError:
                raise _Stop("timeout", f"DNS lookup for {host} timed out") from None
            except Exception as exc:
                raise _Stop("unreachable", f"DNS lookup for {host} failed: {exc}") from None
            if not isinstance(answer, (list, tuple)) or not all(
                isinstance(item, str) and _ip(item) is not None for item in answer
            ):
                raise _Stop("unreachable", f"DNS lookup for {host} gave no usable address")
            found = list(dict.fromkeys(answer))
            if not found:
                raise _Stop("unreachable", f"{host} has no address (DNS)")
            self.op_timeout()  # the lookup may have used up the time
        if not self.checker.allow_private:
            for address in found:
                problem = address_problem(address)
                if problem is not None:
                    if address == host:
                        raise _Stop("private-address", f"{host} is {problem}")
                    raise _Stop("private-address", f"{host} resolves to {address}, {problem}")
        return found

    # ---------------------------------------------------------- the check

    def run(self, target: str) -> None:
        try:
            result = self._follow(target)
        except _Stop as stop:
            result = self.make(stop.outcome, stop.detail)
        except Exception as exc:
            if self.aborted:
                result = self.make("timeout", self.give_up)
            else:
                result = self.make(*_describe_error(exc, self.last_timeout))
        finally:
            for pool in self._pools.values():
                with contextlib.suppress(Exception):
                    pool.close()
        self.settle(result)
        self.done.set()

    def _follow(self, url: str) -> UrlCheck:
        current = url
        seen = {_without_fragment(url)}
        while True:
            self.final_url, self.status = current, None
            status, reason, location = self._fetch(current)
            self.status = status
            if status in _REDIRECTS and location is not None:
                target, problem = _validate(urljoin(current, location))
                if problem is not None:
                    raise _Stop("invalid", f"redirects to an unusable URL: {problem}")
                key = _without_fragment(target)
                if key in seen:
                    raise _Stop("too-many-redirects", f"redirect loop: back to {target}")
                if len(self.chain) >= self.checker.max_redirects:
                    raise _Stop(
                        "too-many-redirects", f"more than {self.checker.max_redirects} redirects"
                    )
                seen.add(key)
                self.chain.append(target)
                current = target
                continue
            detail = _status_text(status, reason)
            if self.chain:
                hops = len(self.chain)
                detail += f" after {hops} redirect{'s' if hops != 1 else ''}"
            return self.make(_status_outcome(status), detail)

    def _fetch(self, url: str) -> tuple[int, str, str | None]:
        """HEAD, or GET when HEAD is rejected: ``(status, reason, Location)``."""
        if len(url) > _MAX_URL_LENGTH:
            raise _Stop("invalid", f"the URL is longer than {_MAX_URL_LENGTH} characters")
        try:
            parsed = parse_url(url)
        except LocationValueError as exc:
            raise _Stop("invalid", f"not a valid URL: {exc}") from None
        scheme = (parsed.scheme or "").lower()
        if scheme not in ("http", "https") or not parsed.host:
            raise _Stop("invalid", f"not an http(s) URL: {url}")
        port = parsed.port or (443 if scheme == "https" else 80)
        pool = self._pool(scheme, parsed.host, port)
        uri = parsed.request_uri
        answer = self._request(pool, "HEAD", uri)
        if answer[0] in _HEAD_REJECTED:
            answer = self._request(pool, "GET", uri)
        return answer

    def _pool(self, scheme: str, host: str, port: int) -> HTTPConnectionPool:
        key = (scheme, host, port)
        pool = self._pools.get(key)
        if pool is None:
            if scheme == "https":
                pool = _GuardedHTTPSPool(
                    host, port, maxsize=1, retries=False, ca_certs=_ca_bundle(), guard=self
                )
            else:
                pool = _GuardedHTTPPool(host, port, maxsize=1, retries=False, guard=self)
            self._pools[key] = pool
        return pool

    def _request(
        self, pool: HTTPConnectionPool, method: str, uri: str
    ) -> tuple[int, str, str | None]:
        seconds = self.op_timeout()
        response = pool.urlopen(
            method,
            uri,
            headers=self._headers,
            retries=False,
            redirect=False,
            assert_same_host=False,
            timeout=Timeout(connect=seconds, read=seconds),
            preload_content=False,
            decode_content=False,
            release_conn=False,
        )
        try:
            location = response.headers.get("Location")
            if method == "GET":
                self._read_some(response)
            return response.status, response.reason or "", _fix_location(location)
        finally:
            response.close()  # closes the connection too: never reused, never drained
            response.release_conn()

    def _read_some(self, response: BaseHTTPResponse) -> None:
        """Read at most ``max_bytes`` of the body; the status already decided the outcome,
        so a body that fails part-way is not an error."""
        left = self.checker.max_bytes
        try:
            while left > 0 and not self.aborted:
                chunk = response.read(min(_READ_CHUNK, left), decode_content=False)
                if not chunk:
                    break
                left -= len(chunk)
        except Exception:
            pass


# ------------------------------------------------------------- pinned connections


def _open_socket(connection: HTTPConnection, guard: _Attempt) -> socket.socket:
    """Resolve the connection's host once, validate every address, connect to one of them.

    The host name stays on the connection, so the Host header, TLS SNI and certificate
    checks still use it; only the socket goes to the validated address.
    """
    guard.register(connection)
    host = connection.host
    port = connection.port or (443 if isinstance(connection, HTTPSConnection) else 80)
    addresses = guard.addresses(host, port)
    sys.audit("http.client.connect", connection, host, port)
    error: OSError | None = None
    seconds = guard.last_timeout
    for address in addresses[:_MAX_CONNECT_ADDRESSES]:
        seconds = guard.op_timeout()
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            for level, option, value in connection.socket_options or ():
                sock.setsockopt(level, option, value)
            sock.settimeout(seconds)
            if connection.source_address:
                sock.bind(connection.source_address)
            sock.connect((address, port))
        except OSError as exc:
            sock.close()
            error = exc
            continue
        return sock
    if isinstance(error, TimeoutError):
        raise ConnectTimeoutError(
            connection, f"Connection to {host} timed out. (connect timeout={seconds})"
        ) from error
    raise NewConnectionError(
        connection, f"Failed to establish a new connection: {error}"
    ) from error


class _GuardedHTTPConnection(HTTPConnection):
    def __init__(self, *args: Any, guard: _Attempt, **kwargs: Any) -> None:
        self._dpglint_guard = guard
        super().__init__(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        return _open_socket(self, self._dpglint_guard)


class _GuardedHTTPSConnection(HTTPSConnection):
    def __init__(self, *args: Any, guard: _Attempt, **kwargs: Any) -> None:
        self._dpglint_guard = guard
        super().__init__(*args, **kwargs)

    def _new_conn(self) -> socket.socket:
        return _open_socket(self, self._dpglint_guard)


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


def _ca_bundle() -> str | None:
    """certifi's CA bundle (as requests uses), else the system's default trust store."""
    try:
        import certifi
    except ImportError:
        return None
    try:
        return certifi.where()
    except Exception:
        return None


# ---------------------------------------------------------------------- addresses


def address_problem(address: str) -> str | None:
    """Why ``address`` is not a public one to connect to (``"a private address"``...),
    or None when it is public. IPv4 embedded in IPv6 (mapped, NAT64, 6to4) is judged by
    its IPv4 address."""
    ip = _ip(address)
    if ip is None:
        return "not a valid IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: ipaddress.IPv4Address | None = ip.ipv4_mapped
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_problem(str(embedded))
        if ip.sixtofour is not None:
            problem = address_problem(str(ip.sixtofour))
            if problem is not None:
                return problem
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "the unspecified address"
    if isinstance(ip, ipaddress.IPv4Address):
        if any(ip in net for net in _RFC1918):
            return "a private address"
        if ip in _CGNAT:
            return "a carrier-grade NAT (shared) address"
    elif ip in _ULA:
        return "a private (unique local) address"
    if ip.is_reserved or ip.is_private or not ip.is_global:
        return "a reserved or special-purpose address"
    return None


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


# ---------------------------------------------------------------------- small helpers


def _validate(url: str) -> tuple[str, str | None]:
    """``(the URL to fetch, None)`` or ``("", why it is invalid)``."""
    target = url.strip()
    if not target:
        return "", "empty URL"
    if len(target) > _MAX_URL_LENGTH:
        return "", f"the URL is longer than {_MAX_URL_LENGTH} characters"
    if _CONTROL.search(target):
        return "", "the URL contains control characters"
    try:
        parts = urlsplit(target)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            if scheme:
                return "", f"not an http(s) URL (scheme {scheme!r})"
            return "", "not an http(s) URL (no scheme)"
        if not parts.hostname:
            return "", "the URL has no host"
        parse_url(target)
    except (ValueError, LocationValueError) as exc:
        return "", _short(f"not a valid URL: {exc}")
    return target, None


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _fix_location(location: str | None) -> str | None:
    """HTTP headers arrive as latin-1; a Location is almost always UTF-8 bytes."""
    if location is None:
        return None
    try:
        return location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return location


def _status_outcome(status: int) -> str:
    if status < 400:
        return "ok"
    if status in _BLOCKED:
        return "blocked"
    if status < 500:
        return "broken"
    return "server-error"


def _status_text(status: int, reason: str) -> str:
    reason = _short(reason, 60)
    if not reason:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    return f"HTTP {status} {reason}".rstrip()


def _describe_error(exc: Exception, seconds: float) -> tuple[str, str]:
    """``(outcome, detail)`` for an error raised while fetching."""
    if isinstance(exc, NewConnectionError):  # before ConnectTimeoutError: a subclass of it
        cause = exc.__cause__
        if isinstance(cause, ConnectionRefusedError):
            return "unreachable", "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "unreachable", "connection reset"
        return "unreachable", f"could not connect: {cause or exc}"
    if isinstance(exc, ConnectTimeoutError):
        return "timeout", f"connection timed out after {seconds:g} s"
    if isinstance(exc, ReadTimeoutError):
        return "timeout", f"timed out after {seconds:g} s"
    if isinstance(exc, SSLError):
        return "unreachable", f"TLS error: {_SSL_SUFFIX.sub('', str(exc))}"
    if isinstance(exc, ProtocolError):
        cause = exc.args[1] if len(exc.args) > 1 else exc.__cause__
        if isinstance(cause, ConnectionResetError):
            return "unreachable", "connection reset"
        if isinstance(cause, TimeoutError):
            return "timeout", f"timed out after {seconds:g} s"
        if type(cause).__name__ == "RemoteDisconnected":
            return "unreachable", "the server closed the connection without answering"
        return "unreachable", f"invalid HTTP answer: {cause or exc}"
    if isinstance(exc, LocationValueError):
        return "invalid", f"not a valid URL: {exc}"
    if isinstance(exc, TimeoutError):
        return "timeout", f"timed out after {seconds:g} s"
    if isinstance(exc, (HTTPError, OSError)):
        return "unreachable", str(exc) or type(exc).__name__
    return "unreachable", f"unexpected error: {type(exc).__name__}: {exc}"


def _internal_error(url: object, exc: BaseException) -> UrlCheck:
    return UrlCheck(
        str(url),
        "unreachable",
        None,
        None,
        (),
        _short(f"internal error while checking: {type(exc).__name__}: {exc}"),
    )


def _short(text: str, limit: int = 200) -> str:
    """One line, printable, at most ``limit`` characters."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hashable(url: Any) -> Any:
    try:
        hash(url)
    except TypeError:
        return str(url)
    return url


def _positive(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and value > 0
        and value != float("inf")
    )
