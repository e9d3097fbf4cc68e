"""Web pages and feeds fetched over HTTP(S), read as the file readers read them.

:func:`fetch` gets one URL with httpx: only ``http``/``https``, redirects followed
(a few), a timeout on every step, a size limit on the body (streamed, so a huge page
is cut off, not downloaded), and conditional requests (ETag, Last-Modified) for feeds.
Every failure is an :class:`~docket.ingest.base.InputProblem` with one line saying
what went wrong (DNS, refused, timeout, 404, 5xx, too large, not HTML) and what to do.
:func:`read_url` reads a fetched page as the HTML reader does, with the page's own
date, title, outlet and url; :func:`read_sources` mixes URLs with files and folders.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docket.ingest.base import InputProblem, Loaded, Problem, ReadOptions, make_document

SCHEMES = ("http", "https")
# Content types a page may have to be read as HTML (XHTML included).
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Content types a feed may have; many servers send feeds as text/xml, some as text/plain.
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "text/plain",
    "application/octet-stream",
)
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0


class Unreachable(InputProblem):
    """A failure that may pass (a timeout, a refused connection, a server error): worth trying again."""


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = DEFAULT_TIMEOUT  # seconds for each of connect, read, write
    max_bytes: int = 20_000_000
    accept: tuple[str, ...] = HTML_TYPES
    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def for_pages(cls, options: ReadOptions, timeout: float = DEFAULT_TIMEOUT) -> FetchOptions:
        # UTF-8 takes at most 4 bytes a character: a larger page cannot hold an article under the limit
        return cls(timeout=timeout, max_bytes=4 * options.max_chars + 65_536)


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after redirects
    status: int  # 200, or 304 when a conditional request found nothing new
    content_type: str
    body: bytes
    encoding: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: in the charset the server named, else UTF-8, bad bytes replaced."""
        try:
            return self.body.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


def is_url(item: str | Path) -> bool:
    """Does ``item`` name a URL (any scheme) rather than a file? ``C:\\x`` and ``a:b.txt`` do not."""
    text = str(item)
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha() and len(scheme) > 1


def check_url(url: str) -> str:
    """The URL if docket may fetch it; an InputProblem for other schemes or no host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise InputProblem(
            f"cannot fetch a {parts.scheme or 'schemeless'}: URL",
            "give an http:// or https:// URL, or save the page and give the file",
        )
    if not parts.hostname:
        raise InputProblem("the URL names no host", "give a URL such as https://example.org/article")
    return url


def fetch(url: str, options: FetchOptions) -> Fetched:
    """GET ``url`` (conditionally when options carry an ETag or Last-Modified)."""
    import httpx

    check_url(url)
    headers = {
        "User-Agent": "docket (news commitments tracker; +https://docket.invalid)",
        "Accept": ", ".join((*options.accept, "*/*;q=0.1")),
    }
    if options.etag:
        headers["If-None-Match"] = options.etag
    if options.last_modified:
        headers["If-Modified-Since"] = options.last_modified
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(options.timeout),
                trust_env=False,
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            return _read_response(response, options)
    except httpx.TooManyRedirects:
        raise InputProblem(
            f"more than {MAX_REDIRECTS} redirects", "give the page's final URL, or check the link"
        ) from None
    except httpx.UnsupportedProtocol:
        raise InputProblem(
            "the server redirected to a URL that is not http or https", "give the page's final URL"
        ) from None
    except httpx.TimeoutException:
        raise Unreachable(
            f"no answer from {_host(url)} within {options.timeout:g} s",
            "try again later, or raise DOCKET_FETCH_TIMEOUT",
        ) from None
    except httpx.ConnectError as exc:
        raise _connect_problem(url, exc) from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.DecodingError) as exc:
        raise Unreachable(
            f"the server at {_host(url)} broke off or sent a malformed answer ({_first_line(exc)})",
            "try again later",
        ) from None
    except httpx.HTTPError as exc:
        raise InputProblem(f"cannot fetch the URL ({_first_line(exc)})", "check the URL") from None


def _read_response(response: Any, options: FetchOptions) -> Fetched:
    status = int(response.status_code)
    final = str(response.url)
    etag = response.headers.get("etag")
    modified = response.headers.get("last-modified")
    if status == 304:
        return Fetched(final, 304, "", b"", None, etag or options.etag, modified or options.last_modified)
    if status == 404 or status == 410:
        raise InputProblem(f"the page was not found (HTTP {status})", "check the URL")
    if status >= 500:
        raise Unreachable(f"the server failed (HTTP {status})", "try again later")
    if status >= 400:
        raise InputProblem(
            f"the server refused the request (HTTP {status} {response.reason_phrase})".rstrip(),
            "check the URL; the page may need a login",
        )
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in options.accept:
        wanted = "HTML" if options.accept == HTML_TYPES else "a feed"
        raise InputProblem(
            f"the page is not {wanted} (it is {content_type})",
            "give the URL of an article's web page"
            if wanted == "HTML"
            else "give the URL of an RSS or Atom feed",
        )
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > options.max_bytes:
        raise _too_large(int(declared), options)
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > options.max_bytes:
            raise _too_large(None, options)
    return Fetched(final, status, content_type, bytes(body), response.charset_encoding, etag, modified)


def _too_large(size: int | None, options: FetchOptions) -> InputProblem:
    told = f"{size:,} bytes" if size is not None else f"over {options.max_bytes:,} bytes"
    return InputProblem(
        f"the page is too large ({told}; the limit is {options.max_bytes:,} bytes)",
        "save the article's text as a file, or raise DOCKET_MAX_CHARS",
    )


def _connect_problem(url: str, exc: Exception) -> InputProblem:
    host = _host(url)
    causes: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(causes) < 8:
        causes.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(c) for c in causes).lower()
    if any(isinstance(c, socket.gaierror) for c in causes) or "name or service" in text or "nodename" in text:
        return InputProblem(
            f"the host {host} was not found (DNS)", "check the URL's spelling and your network"
        )
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in text:
        return InputProblem(f"{host} refused the connection", "check the URL's port, or try again later")
    return InputProblem(f"cannot connect to {host} ({_first_line(exc)})", "check the URL and your network")


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def page_meta(fetched: Fetched, meta: dict[str, Any]) -> dict[str, Any]:
    """The page's own metadata, with the fetched URL and its host where the page names none."""
    out = dict(meta)
    out["url"] = meta.get("url") or fetched.url
    out["outlet"] = meta.get("outlet") or urlsplit(fetched.url).hostname
    return out


def read_url(
    url: str, options: ReadOptions, fetch_options: FetchOptions | None = None
) -> Iterator[Loaded | Problem]:
    """The article at ``url``: fetched, then read as the HTML reader reads a page."""
    from docket.ingest.html import read_page

    warnings: list[str] = []
    try:
        fetched = fetch(url, fetch_options or FetchOptions.for_pages(options))
        text, meta = read_page(fetched.text(), options, warnings)
        yield Loaded(url, make_document(text, page_meta(fetched, meta), options, warnings), tuple(warnings))
    except InputProblem as p:
        fix = p.fix
        if "front matter" in fix:  # a page has none: the only way to date it is the option
            fix = "the page gives none, pass --published YYYY-MM-DD"
        yield Problem(url, p.what, fix)


def read_sources(
    items: Iterable[str | Path], options: ReadOptions, fetch_options: FetchOptions | None = None
) -> Iterator[Loaded | Problem]:
    """Every article named: URLs fetched, files and folders read, in the order given."""
    from docket.ingest import read_inputs

    for item in items:
        if is_url(item):
            yield from read_url(str(item), options, fetch_options)
        else:
            yield from read_inputs([Path(item)], options)
