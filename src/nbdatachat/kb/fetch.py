"""Fetch a web page for training, refusing internal network addresses (SSRF guard).

A knowledge-base server fetches URLs that API callers choose, so a URL must not reach the
server's own network: loopback, private (RFC 1918, ULA), link-local (incl. the cloud metadata
address 169.254.169.254), multicast, reserved and unspecified addresses are refused. The host
is resolved and *every* address checked, and redirects are followed by hand so each hop is
checked again. An explicit allow-list (host names, IPs or CIDR networks) lets tests and
intranet deployments opt in.

The check runs again where the connection is made (:func:`checked_client`): the socket is
opened to the address that was just checked, never to the name resolved a second time, so a
DNS server that answers differently between check and connect (DNS rebinding) gets nowhere.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import UrlFetchFailed, UrlNotAllowed
from .extract import Extracted, extract_file, html_to_text

ALLOW_ENV = "NBDATACHAT_KB_ALLOW_HOSTS"

Resolver = Callable[[str, int], Sequence[str]]


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


@dataclass(frozen=True)
class UrlPolicy:
    """What URL ingestion may reach and how long it may take.

    ``allow`` lists hosts exempt from the private-address check: host names (exact,
    case-insensitive), IP addresses or CIDR networks such as ``"127.0.0.1"`` or
    ``"10.0.0.0/8"``. ``NBDATACHAT_KB_ALLOW_HOSTS`` (comma-separated) adds to it.
    """

    allow: tuple[str, ...] = ()
    timeout: float = 10.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = "nbdatachat-kb/1.0 (+https://github.com/nbdatachat)"
    resolver: Resolver = field(default=system_resolver, compare=False, repr=False)

    @classmethod
    def from_env(cls, **kwargs: Any) -> UrlPolicy:
        extra = [h.strip() for h in os.environ.get(ALLOW_ENV, "").split(",") if h.strip()]
        allow = tuple(kwargs.pop("allow", ())) + tuple(extra)
        return cls(allow=allow, **kwargs)

    def _allowed(self, host: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        for entry in self.allow:
            if entry.lower() == host.lower():
                return True
            try:
                if ip in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                continue
        return False


def _blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, flag in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                        ("link-local", ip.is_link_local), ("private", ip.is_private),
                        ("multicast", ip.is_multicast), ("reserved", ip.is_reserved)):
        if flag:
            return label
    if not ip.is_global:
        return "non-public"
    return None


def check_url(url: str, policy: UrlPolicy) -> None:
    """Raise :class:`UrlNotAllowed` unless ``url`` is http(s) to public addresses only."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UrlNotAllowed(f"Cannot fetch {url!r}: URLs must start with http:// or https:// "
                            f"and name a host.", details={"url": url})
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise UrlNotAllowed(f"Cannot fetch {url!r}: invalid port.", details={"url": url}) \
            from None
    check_host(parts.hostname, port, policy, url=url)


def check_host(host: str, port: int, policy: UrlPolicy, *, url: str | None = None
               ) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The network half of the policy, for any client that connects to ``host:port`` (web
    pages, webhooks, SQL databases): every address the host resolves to must be public, or
    the host/address must be on ``policy.allow``. Raises :class:`UrlNotAllowed` (a refused
    address) or :class:`UrlFetchFailed` (the name does not resolve); connects to nothing.
    Returns the addresses it checked: connect to one of them, not to the name again, or a
    name that resolves differently the second time (DNS rebinding) gets past the check."""
    shown = url or f"{host}:{port}"
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0])
                         for a in policy.resolver(host, port)]
        except (OSError, UnicodeError) as exc:
            raise UrlFetchFailed(f"Cannot fetch {shown!r}: host {host!r} does not resolve "
                                 f"({exc}). Check the spelling.",
                                 details={"url": shown, "host": host}) from None
    if not addresses:
        raise UrlFetchFailed(f"Cannot fetch {shown!r}: host {host!r} has no address.",
                             details={"url": shown, "host": host})
    for ip in addresses:
        reason = _blocked(ip)
        if reason and not policy._allowed(host, ip):
            raise UrlNotAllowed(
                f"Refusing to fetch {shown!r}: {host} resolves to {ip}, a {reason} address. "
                f"Only public addresses can be fetched; to allow an internal host add it to "
                f"the URL allow-list (UrlPolicy(allow=[...]) or {ALLOW_ENV}).",
                details={"url": shown, "host": host, "address": str(ip), "reason": reason})
    return addresses


@dataclass(frozen=True)
class ScrapeOptions:
    """The seed's retrain ``options`` (same names, camelCase accepted via from_dict)."""

    extract_main_content: bool = True
    include_only_tags: str | list[str] | None = None
    exclude_tags: str | list[str] | None = None
    cookies: str | None = None

    @classmethod
    def from_dict(cls, options: dict[str, Any] | None) -> ScrapeOptions:
        o = options or {}
        return cls(extract_main_content=bool(o.get("extractMainContent", True)),
                   include_only_tags=o.get("includeOnlyTags") or None,
                   exclude_tags=o.get("excludeTags") or None,
                   cookies=o.get("Cookies") or o.get("cookies") or None)


@dataclass(frozen=True)
class FetchedPage:
    url: str
    final_url: str
    title: str | None
    text: str
    content_type: str


@lru_cache(maxsize=1)
def _ssl_context() -> Any:
    # Loading the CA bundle takes ~0.1 s: do it once per process, not per page.
    import ssl

    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def checked_client(policy: UrlPolicy, **kwargs: Any) -> Any:
    """An ``httpx.Client`` whose every TCP connection passes :func:`check_host` at connect
    time and is opened to the checked address (TLS still verifies the host name)."""
    import httpx

    verify = kwargs.pop("verify", True)
    return httpx.Client(transport=_checked_transport(policy, verify), trust_env=False,
                        **kwargs)


def _checked_transport(policy: UrlPolicy, verify: Any) -> Any:
    import httpcore
    import httpx

    class CheckedBackend(httpcore.SyncBackend):
        """Resolve and check once, then connect to that address."""

        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> Any:
            address = check_host(host, port, policy)[0]
            return super().connect_tcp(str(address), port, timeout, local_address,
                                       socket_options)

    transport = httpx.HTTPTransport(verify=verify, trust_env=False)
    # httpx takes no network backend, so the transport's connection pool is replaced by one
    # that uses ours (with the TLS settings httpx would use).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
        network_backend=CheckedBackend())
    return transport


def fetch_url(url: str, policy: UrlPolicy | None = None,
              options: ScrapeOptions | None = None) -> FetchedPage:
    """Fetch ``url`` (checking every redirect hop) and extract its main text."""
    import httpx

    policy = policy or UrlPolicy.from_env()
    options = options or ScrapeOptions()
    headers = {"User-Agent": policy.user_agent,
               "Accept": "text/html,application/xhtml+xml,text/plain,application/pdf,*/*;q=0.5"}
    if options.cookies:
        headers["Cookie"] = options.cookies
    current = url
    with checked_client(policy, follow_redirects=False, timeout=policy.timeout,
                        headers=headers, verify=_ssl_context()) as client:
        for _hop in range(policy.max_redirects + 1):
            check_url(current, policy)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and resp.headers.get("location"):
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code >= 400:
                        raise UrlFetchFailed(
                            f"Cannot fetch {url!r}: the server answered HTTP "
                            f"{resp.status_code}.", details={"url": url,
                                                             "status": resp.status_code})
                    body = bytearray()
                    for piece in resp.iter_bytes():
                        body.extend(piece)
                        if len(body) > policy.max_bytes:
                            raise UrlFetchFailed(
                                f"Cannot fetch {url!r}: the page is larger than "
                                f"{policy.max_bytes:,} bytes.", details={"url": url})
                    content_type = resp.headers.get("content-type", "")
                    encoding = resp.encoding or "utf-8"
            except httpx.TimeoutException:
                raise UrlFetchFailed(f"Cannot fetch {url!r}: no answer within "
                                     f"{policy.timeout:g} s (timeout).",
                                     details={"url": url, "timeout": policy.timeout}) from None
            except httpx.HTTPError as exc:
                raise UrlFetchFailed(f"Cannot fetch {url!r}: {type(exc).__name__}: {exc}.",
                                     details={"url": url}) from None
            return _page(url, current, bytes(body), content_type, encoding, options)
    raise UrlFetchFailed(f"Cannot fetch {url!r}: more than {policy.max_redirects} redirects.",
                         details={"url": url})


def _page(url: str, final: str, body: bytes, content_type: str, encoding: str,
          options: ScrapeOptions) -> FetchedPage:
    mime = content_type.split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml", "") and (
            mime or body.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))):
        title, text = html_to_text(body.decode(encoding, errors="replace"),
                                   include_only_tags=options.include_only_tags,
                                   exclude_tags=options.exclude_tags,
                                   extract_main_content=options.extract_main_content)
        return FetchedPage(url, final, title, text, mime or "text/html")
    if mime.startswith("text/") or mime in ("application/pdf", "application/json"):
        name = urlsplit(final).path.rsplit("/", 1)[-1] or "page"
        ext = {"application/pdf": ".pdf", "application/json": ".json",
               "text/markdown": ".md", "text/csv": ".csv"}.get(mime, ".txt")
        extracted: Extracted = extract_file(body, name if name.endswith(ext) else name + ext)
        return FetchedPage(url, final, extracted.title, extracted.text, mime)
    raise UrlFetchFailed(f"Cannot train on {url!r}: its content type {mime or 'unknown'!r} is "
                         f"not a web page, text or PDF.", details={"url": url,
                                                                   "contentType": mime})


__all__ = ["ALLOW_ENV", "FetchedPage", "ScrapeOptions", "UrlPolicy", "check_host", "check_url",
           "fetch_url", "system_resolver"]
