"""The live-URL checker (scope ``network``), against real HTTP served on 127.0.0.1.

Names are resolved by an injected resolver (never by DNS), and the tests that need a
*public* address use one (1.2.3.4) that a patched ``socket.connect`` quietly routes to the
local server: the checker sees a public host, the packets never leave the machine.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from dpglint.sources.urls import UrlCheck, UrlChecker, UrlCheckerError, address_problem

PUBLIC_IP = "1.2.3.4"  # a global address; the `network` fixture routes it to 127.0.0.1
HUGE = 64 * 1024 * 1024
CHUNK = b"x" * 65536


# ----------------------------------------------------------------------- the server


@dataclass
class State:
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)  # frees /slow
    huge_sent: int = 0
    huge_done: threading.Event = field(default_factory=threading.Event)
    active: int = 0
    max_active: int = 0
    barrier: threading.Barrier = field(default_factory=lambda: threading.Barrier(2, timeout=5))

    def methods(self, path: str | None = None) -> list[str]:
        with self.lock:
            return [m for m, p, _h in self.requests if path is None or urlsplit(p).path == path]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self.route("HEAD")

    def do_GET(self) -> None:
        self.route("GET")

    def answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def route(self, method: str) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append((method, self.path, dict(self.headers.items())))
        path = urlsplit(self.path).path
        parts = path.strip("/").split("/")
        if path == "/ok":
            self.answer(200, b"hello")
        elif parts[0] == "status":
            self.answer(int(parts[1]))
        elif path == "/head405":
            self.answer(405 if method == "HEAD" else 200, b"hello")
        elif parts[0] == "redirect":
            n = int(parts[1])
            if n == 2:  # an absolute Location, then an absolute path
                self.answer(302, Location=f"http://{self.headers['Host']}/redirect/1")
            elif n == 1:
                self.answer(302, Location="/redirect/0")
            else:
                self.answer(200)
        elif path == "/rel/dir/page":
            self.answer(301, Location="../ok")
        elif path == "/rel/ok":
            self.answer(200)
        elif path == "/loop/a":
            self.answer(302, Location="/loop/b")
        elif path == "/loop/b":
            self.answer(302, Location="/loop/a")
        elif parts[0] == "endless":
            self.answer(302, Location=f"/endless/{int(parts[1]) + 1}")
        elif path == "/to-metadata":
            self.answer(302, Location="http://169.254.169.254/latest/meta-data/")
        elif path == "/to-ftp":
            self.answer(302, Location="ftp://example.org/file")
        elif path == "/to-same-host":
            self.answer(302, Location="/ok")
        elif parts[0] == "to-name":
            self.answer(302, Location=f"http://{parts[1]}/ok")
        elif path == "/huge":
            self.huge(method, state)
        elif path == "/slow":
            state.release.wait(5)  # until the test ends; the client gives up long before
            self.answer(200)
        elif path == "/drip":
            self.drip(state)
        elif path == "/gate":
            with state.lock:
                state.active += 1
                state.max_active = max(state.max_active, state.active)
            try:
                state.barrier.wait()  # passes only when two requests are in flight at once
            finally:
                with state.lock:
                    state.active -= 1
            self.answer(200)
        else:
            self.answer(404)

    def huge(self, method: str, state: State) -> None:
        if method == "HEAD":
            self.answer(405)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(HUGE))
        self.end_headers()
        try:
            while state.huge_sent < HUGE:
                self.wfile.write(CHUNK)
                state.huge_sent += len(CHUNK)
        except OSError:
            pass
        finally:
            state.huge_done.set()

    def drip(self, state: State) -> None:
        """Headers one line at a time, each well within the read timeout."""
        try:
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            for i in range(200):
                if state.release.wait(0.05):
                    break
                self.wfile.write(f"X-Drip-{i}: x\r\n".encode())
                self.wfile.flush()
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    state: State

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up early are the point of several tests


@pytest.fixture(scope="module")
def http_server() -> Iterator[Server]:
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.state.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def server(http_server: Server) -> Iterator[Server]:
    http_server.state = State()
    yield http_server
    http_server.state.release.set()


def base(server: Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def local() -> UrlChecker:
    return UrlChecker(allow_private=True, timeout=2.0, budget=30.0)


@dataclass
class Network:
    """Records every connect() and routes PUBLIC_IP:80/443 to a local port."""

    connects: list[Any] = field(default_factory=list)
    routes: dict[tuple[str, int], int] = field(default_factory=dict)


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> Network:
    net = Network()
    guarded = socket.socket.connect  # conftest's: refuses anything but loopback

    def connect(self: socket.socket, address: Any) -> Any:
        net.connects.append(address)
        if isinstance(address, tuple) and (address[0], address[1]) in net.routes:
            address = ("127.0.0.1", net.routes[(address[0], address[1])])
        return guarded(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return net


class FakeDNS:
    """An injected resolver: host -> addresses (a list of answers is served in turn)."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.table = table
        self.calls: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append((host, port))
        answer = self.table[host]
        if isinstance(answer, BaseException):
            raise answer
        if answer and isinstance(answer[0], list):
            return list(answer.pop(0))
        return list(answer)


# ------------------------------------------------------------------ statuses


def test_ok_is_one_head_request_with_our_headers(server: Server, local: UrlChecker) -> None:
    result = local.check(base(server) + "/ok")
    assert result == UrlCheck(
        base(server) + "/ok", "ok", 200, base(server) + "/ok", (), "HTTP 200 OK"
    )
    assert server.state.methods() == ["HEAD"]
    headers = server.state.requests[0][2]
    assert headers["User-Agent"].startswith("dpglint/")
    assert headers["Accept"] == "*/*"


@pytest.mark.parametrize(
    ("code", "outcome", "methods"),
    [
        (404, "broken", ["HEAD"]),
        (410, "broken", ["HEAD"]),
        (401, "blocked", ["HEAD"]),
        (403, "blocked", ["HEAD", "GET"]),  # many servers refuse HEAD with 403
        (429, "blocked", ["HEAD"]),
        (400, "broken", ["HEAD", "GET"]),
        (500, "server-error", ["HEAD"]),
        (503, "server-error", ["HEAD"]),
        (501, "server-error", ["HEAD", "GET"]),
    ],
)
def test_status_outcomes(
    server: Server, local: UrlChecker, code: int, outcome: str, methods: list[str]
) -> None:
    result = local.check(f"{base(server)}/status/{code}")
    assert (result.outcome, result.status) == (outcome, code)
    assert result.detail.startswith(f"HTTP {code} ")
    assert server.state.methods() == methods


def test_head_405_falls_back_to_get(server: Server, local: UrlChecker) -> None:
    result = local.check(base(server) + "/head405")
    assert (result.outcome, result.status, result.detail) == ("ok", 200, "HTTP 200 OK")
    assert server.state.methods() == ["HEAD", "GET"]


def test_get_reads_at_most_max_bytes_and_hangs_up(server: Server) -> None:
    checker = UrlChecker(allow_private=True, timeout=5.0, max_bytes=65536)
    result = checker.check(base(server) + "/huge")
    assert (result.outcome, result.status) == ("ok", 200)
    assert server.state.methods() == ["HEAD", "GET"]
    assert server.state.huge_done.wait(5), "the server never noticed the client hang up"
    # what the server got out is the 64 KiB read plus what socket buffers absorbed
    assert server.state.huge_sent < HUGE // 2


# ------------------------------------------------------------------ redirects


def test_redirect_chain_is_followed_and_recorded(server: Server, local: UrlChecker) -> None:
    result = local.check(base(server) + "/redirect/2")
    assert result.outcome == "ok"
    assert result.redirects == (base(server) + "/redirect/1", base(server) + "/redirect/0")
    assert result.final_url == base(server) + "/redirect/0"
    assert result.detail == "HTTP 200 OK after 2 redirects"
    assert server.state.methods() == ["HEAD", "HEAD", "HEAD"]


def test_relative_location_is_resolved(server: Server, local: UrlChecker) -> None:
    result = local.check(base(server) + "/rel/dir/page")
    assert (result.outcome, result.final_url) == ("ok", base(server) + "/rel/ok")
    assert result.redirects == (base(server) + "/rel/ok",)


def test_redirect_loop(server: Server, local: UrlChecker) -> None:
    result = local.check(base(server) + "/loop/a")
    assert result.outcome == "too-many-redirects"
    assert result.redirects == (base(server) + "/loop/b",)
    assert (result.status, result.final_url) == (302, base(server) + "/loop/b")
    assert "loop" in result.detail
    assert len(server.state.requests) == 2


def test_redirect_limit(server: Server) -> None:
    checker = UrlChecker(allow_private=True, max_redirects=3)
    result = checker.check(base(server) + "/endless/0")
    assert result.outcome == "too-many-redirects"
    assert result.detail == "more than 3 redirects"
    assert len(result.redirects) == 3
    assert result.final_url == base(server) + "/endless/3"
    assert [p for _m, p, _h in server.state.requests] == [f"/endless/{i}" for i in range(4)]


def test_redirect_to_another_scheme_is_invalid(server: Server, local: UrlChecker) -> None:
    result = local.check(base(server) + "/to-ftp")
    assert (result.outcome, result.status) == ("invalid", 302)
    assert "ftp" in result.detail


# ------------------------------------------------------------------ failures


def test_slow_server_times_out(server: Server) -> None:
    checker = UrlChecker(allow_private=True, timeout=0.2)
    started = time.monotonic()
    result = checker.check(base(server) + "/slow")
    assert time.monotonic() - started < 1.0
    assert (result.outcome, result.status, result.detail) == (
        "timeout",
        None,
        "timed out after 0.2 s",
    )
    assert server.state.methods() == ["HEAD"]


def test_a_dripping_server_cannot_outlast_the_limit_for_one_url(server: Server) -> None:
    # every header line arrives within the read timeout; the URL as a whole still ends
    checker = UrlChecker(allow_private=True, timeout=0.2)
    started = time.monotonic()
    result = checker.check(base(server) + "/drip")
    assert time.monotonic() - started < 1.5
    assert result.outcome == "timeout"
    assert "gave up after 0.6 s" in result.detail


def test_connection_refused_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = UrlChecker(allow_private=True).check(f"http://127.0.0.1:{port}/")
    assert (result.outcome, result.detail) == ("unreachable", "connection refused")


def test_tls_to_a_plain_http_server_is_unreachable(server: Server, local: UrlChecker) -> None:
    port = server.server_address[1]
    result = local.check(f"https://127.0.0.1:{port}/ok")
    assert result.outcome == "unreachable"
    assert result.detail.startswith("TLS error")
    assert server.state.methods() == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/file",
        "javascript:alert(1)",
        "mailto:someone@example.org",
        "example.org/page",
        "",
        "   ",
        "http://",
        "http://exa mple.org/",
        "http://example.org:99999/",
        "http://example.org/\nHost: evil",
        "file:///etc/passwd",
    ],
)
def test_invalid_urls(url: str, network: Network) -> None:
    dns = FakeDNS({})
    result = UrlChecker(resolver=dns).check(url)
    assert result.outcome == "invalid"
    assert (result.status, result.final_url, result.redirects) == (None, None, ())
    assert result.detail
    assert dns.calls == [] and network.connects == []


def test_a_non_string_is_invalid_not_an_exception() -> None:
    checker = UrlChecker()
    assert checker.check(42).outcome == "invalid"  # type: ignore[arg-type]
    results = checker.check_all([None, ["x"]])  # type: ignore[list-item]
    assert [r.outcome for r in results.values()] == ["invalid", "invalid"]


@pytest.mark.parametrize(
    ("answer", "outcome", "detail"),
    [
        (
            socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            "broken",
            "the host name gone.example does not exist (DNS)",
        ),
        (
            socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
            "unreachable",
            "DNS lookup for gone.example failed: Temporary failure in name resolution",
        ),
        (TimeoutError("slow"), "timeout", "DNS lookup for gone.example timed out"),
        (
            RuntimeError("resolver bug"),
            "unreachable",
            "DNS lookup for gone.example failed: resolver bug",
        ),
        ([], "unreachable", "gone.example has no address (DNS)"),
        (["not-an-ip"], "unreachable", "DNS lookup for gone.example gave no usable address"),
    ],
)
def test_dns_failures(answer: Any, outcome: str, detail: str, network: Network) -> None:
    result = UrlChecker(resolver=FakeDNS({"gone.example": answer})).check("http://gone.example/")
    assert (result.outcome, result.detail) == (outcome, detail)
    assert network.connects == []


# ------------------------------------------------------------ private addresses


def test_loopback_is_refused_without_allow_private(server: Server, network: Network) -> None:
    result = UrlChecker().check(base(server) + "/ok")
    assert result.outcome == "private-address"
    assert result.detail == "127.0.0.1 is a loopback address"
    assert server.state.requests == [] and network.connects == []


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.10",
        "127.0.0.2",
        "169.254.169.254",  # cloud metadata
        "100.64.1.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:10.0.0.5",
        "64:ff9b::a00:5",  # NAT64 of 10.0.0.5
        "2002:a00:5::1",  # 6to4 of 10.0.0.5
        "2001:db8::1",  # documentation
    ],
)
def test_names_resolving_to_non_public_addresses_are_refused(
    address: str, network: Network
) -> None:
    dns = FakeDNS({"evil.example": [address]})
    result = UrlChecker(resolver=dns).check("http://evil.example/x")
    assert result.outcome == "private-address"
    assert result.detail.startswith(f"evil.example resolves to {address}, ")
    assert dns.calls == [("evil.example", 80)]
    assert network.connects == []


def test_private_detail_wording(network: Network) -> None:
    dns = FakeDNS({"evil.example": ["10.0.0.5"]})
    result = UrlChecker(resolver=dns).check("https://evil.example/")
    assert result.detail == "evil.example resolves to 10.0.0.5, a private address"
    assert dns.calls == [("evil.example", 443)]


def test_one_private_address_among_public_ones_is_enough(network: Network) -> None:
    dns = FakeDNS({"mixed.example": [PUBLIC_IP, "10.0.0.5"]})
    assert UrlChecker(resolver=dns).check("http://mixed.example/").outcome == "private-address"
    assert network.connects == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/",
        "http://[::ffff:127.0.0.1]/",
        "https://0.0.0.0/",
        "http://localhost.:9/",  # a name: goes through the resolver below
    ],
)
def test_literal_addresses_are_checked_too(url: str, network: Network) -> None:
    dns = FakeDNS({"localhost": ["127.0.0.1"]})
    assert UrlChecker(resolver=dns).check(url).outcome == "private-address"
    assert network.connects == []


def test_a_public_looking_name_on_loopback_is_refused(server: Server, network: Network) -> None:
    dns = FakeDNS({"public.example": ["127.0.0.1"]})
    port = server.server_address[1]
    result = UrlChecker(resolver=dns).check(f"http://public.example:{port}/ok")
    assert result.outcome == "private-address"
    assert result.detail == "public.example resolves to 127.0.0.1, a loopback address"
    assert server.state.requests == [] and network.connects == []


def test_public_addresses_pass() -> None:
    for address in [PUBLIC_IP, "2606:4700:4700::1111", "::ffff:1.2.3.4", "64:ff9b::102:304"]:
        assert address_problem(address) is None, address


# -------------------------------------- pinned connections (a public IP, routed locally)


@pytest.fixture
def site(server: Server, network: Network) -> FakeDNS:
    """``site.example`` resolves to PUBLIC_IP, which the network routes to the server."""
    network.routes[(PUBLIC_IP, 80)] = server.server_address[1]
    return FakeDNS({"site.example": [PUBLIC_IP], "internal.example": ["192.168.1.10"]})


def test_connects_to_the_validated_address_with_the_host_name_kept(
    server: Server, network: Network, site: FakeDNS
) -> None:
    result = UrlChecker(resolver=site).check("http://site.example/ok")
    assert (result.outcome, result.status) == ("ok", 200)
    assert network.connects == [(PUBLIC_IP, 80)]  # the address checked, not a new lookup
    assert site.calls == [("site.example", 80)]
    assert server.state.requests[0][2]["Host"] == "site.example"


def test_every_redirect_hop_is_checked(server: Server, network: Network, site: FakeDNS) -> None:
    result = UrlChecker(resolver=site).check("http://site.example/to-metadata")
    assert result.outcome == "private-address"
    assert result.detail == "169.254.169.254 is a link-local address"
    assert result.redirects == ("http://169.254.169.254/latest/meta-data/",)
    assert result.final_url == "http://169.254.169.254/latest/meta-data/"
    assert result.status is None  # the refused hop never answered
    assert server.state.methods() == ["HEAD"]
    assert network.connects == [(PUBLIC_IP, 80)]


def test_a_redirect_to_a_private_name_is_refused(
    server: Server, network: Network, site: FakeDNS
) -> None:
    result = UrlChecker(resolver=site).check("http://site.example/to-name/internal.example")
    assert result.outcome == "private-address"
    assert result.detail == "internal.example resolves to 192.168.1.10, a private address"
    assert site.calls == [("site.example", 80), ("internal.example", 80)]
    assert network.connects == [(PUBLIC_IP, 80)]


def test_dns_rebinding_between_connections_is_caught(
    server: Server, network: Network, site: FakeDNS
) -> None:
    # the first lookup is public, the next one (for the redirect's new connection) is not
    site.table["site.example"] = [[PUBLIC_IP], ["127.0.0.1"]]
    result = UrlChecker(resolver=site).check("http://site.example/to-same-host")
    assert result.outcome == "private-address"
    assert result.detail == "site.example resolves to 127.0.0.1, a loopback address"
    assert result.redirects == ("http://site.example/ok",)
    assert len(site.calls) == 2
    assert network.connects == [(PUBLIC_IP, 80)]
    assert server.state.methods() == ["HEAD"]


def test_tls_keeps_the_host_name_for_sni(network: Network) -> None:
    hello: list[bytes] = []
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(5)
        network.routes[(PUBLIC_IP, 443)] = listener.getsockname()[1]

        def accept() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(5)
                hello.append(conn.recv(4096))

        thread = threading.Thread(target=accept)
        thread.start()
        dns = FakeDNS({"site.example": [PUBLIC_IP]})
        result = UrlChecker(resolver=dns, timeout=5.0).check("https://site.example/")
        thread.join(5)
    assert result.outcome == "unreachable" and result.detail.startswith("TLS error")
    assert network.connects == [(PUBLIC_IP, 443)]
    assert b"site.example" in hello[0]  # the ClientHello's server_name


def test_environment_proxies_are_ignored(
    server: Server, local: UrlChecker, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://10.9.9.9:3128")
    assert local.check(base(server) + "/ok").outcome == "ok"
    assert server.state.methods() == ["HEAD"]


# --------------------------------------------------- cache, concurrency, budget


def test_each_url_is_fetched_once_per_checker(server: Server, local: UrlChecker) -> None:
    url = base(server) + "/ok"
    first = local.check(url)
    assert local.check(url) is first
    results = local.check_all([url, url, base(server) + "/status/404", url])
    assert list(results) == [url, base(server) + "/status/404"]
    assert results[url] is first
    assert server.state.methods("/ok") == ["HEAD"]
    assert UrlChecker(allow_private=True).check(url).outcome == "ok"  # a new run fetches
    assert server.state.methods("/ok") == ["HEAD", "HEAD"]


def test_concurrent_checks_of_one_url_share_one_request(server: Server) -> None:
    checker = UrlChecker(allow_private=True, timeout=0.2)
    url = base(server) + "/slow"
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(checker.check, [url] * 4))
    assert {r.outcome for r in results} == {"timeout"}
    assert all(r is results[0] for r in results)
    assert server.state.methods() == ["HEAD"]


def test_concurrency_is_bounded_by_max_workers(server: Server) -> None:
    checker = UrlChecker(allow_private=True, timeout=5.0, max_workers=2)
    urls = [f"{base(server)}/gate?{i}" for i in range(6)]
    results = checker.check_all(urls)
    assert [r.outcome for r in results.values()] == ["ok"] * 6
    assert server.state.max_active == 2  # the gate opens only for two at once
    assert len(server.state.requests) == 6


def test_budget_skips_what_it_cannot_start(server: Server) -> None:
    checker = UrlChecker(allow_private=True, timeout=0.2, budget=0.3, max_workers=1)
    urls = [f"{base(server)}/slow?{i}" for i in range(5)]
    started = time.monotonic()
    results = checker.check_all(urls)
    assert time.monotonic() - started < 1.5
    outcomes = [r.outcome for r in results.values()]
    assert set(outcomes) == {"timeout", "skipped"}
    assert outcomes.count("timeout") >= 1 and outcomes.count("skipped") >= 1
    assert len(server.state.requests) == outcomes.count("timeout")
    skipped = next(r for r in results.values() if r.outcome == "skipped")
    assert skipped.detail == "not checked: the 0.3 s time budget for URL checks ran out"
    assert (skipped.status, skipped.final_url) == (None, None)


def test_budget_counts_from_the_first_check_across_calls(server: Server) -> None:
    now = [100.0]
    checker = UrlChecker(allow_private=True, budget=10.0, clock=lambda: now[0])
    assert checker.check(base(server) + "/ok").outcome == "ok"
    now[0] += 11
    results = checker.check_all([base(server) + "/ok", base(server) + "/redirect/0"])
    assert results[base(server) + "/ok"].outcome == "ok"  # from the cache
    assert results[base(server) + "/redirect/0"].outcome == "skipped"
    assert server.state.methods() == ["HEAD"]


def test_empty_input(local: UrlChecker) -> None:
    assert local.check_all([]) == {}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"timeout": 0},
        {"timeout": -1},
        {"budget": -1},
        {"max_workers": 0},
        {"max_bytes": -1},
        {"max_redirects": -1},
        {"user_agent": "x\r\nX-Injected: 1"},
        {"user_agent": ""},
    ],
)
def test_settings_that_make_no_sense(kwargs: dict[str, Any]) -> None:
    with pytest.raises(UrlCheckerError):
        UrlChecker(**kwargs)
