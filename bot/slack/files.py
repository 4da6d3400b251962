"""Fetching an uploaded file from Slack, carefully.

The bot token goes only to Slack's own file hosts (or the host of
``SLACK_API_URL``, for an on-premises proxy or a test stand-in); redirects are
followed only between such hosts; the size is capped before and while reading;
and the body must be a PDF. Slack answers a bot without ``files:read`` with its
HTML sign-in page and status 200, which is told apart from a wrong file type.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from suijun.bot import messages
from suijun.extractors.limits import byte_label

# Hosts Slack serves url_private(_download) from.
SLACK_FILE_HOSTS = frozenset({"files.slack.com", "files-origin.slack.com", "files.slack-gov.com"})
MAX_REDIRECTS = 3
CHUNK = 1 << 16


class DownloadRefused(Exception):
    """The file was not fetched, or what came back is not the file; ``kind`` is stable."""

    # the message ids of this error in the catalogue (suijun.bot.messages): download.<kind>
    catalogue = "download"
    KINDS = frozenset({"host", "no_url", "scope", "http", "info", "info_transient", "info_gone", "external"})

    def __init__(self, kind: str, detail: str = ""):
        if kind not in self.KINDS:
            raise ValueError(f"unknown download-refusal kind {kind!r}")
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}")

    @property
    def params(self) -> dict[str, str]:
        return {"detail": self.detail}

    def text(self, lang: str = "ja") -> str:
        return messages.error(self, lang)


@dataclass(frozen=True)
class FileInfo:
    id: str
    name: str
    mimetype: str
    filetype: str
    size: int | None
    url: str | None
    external: bool

    @classmethod
    def of(cls, file: dict) -> FileInfo:
        size = file.get("size")
        return cls(
            id=str(file.get("id", "")),
            name=str(file.get("name") or file.get("title") or file.get("id") or "file"),
            mimetype=str(file.get("mimetype") or ""),
            filetype=str(file.get("filetype") or ""),
            size=int(size) if isinstance(size, (int, float)) else None,
            url=file.get("url_private_download") or file.get("url_private"),
            external=bool(file.get("is_external")),
        )

    @property
    def is_pdf(self) -> bool:
        return (
            self.mimetype == "application/pdf"
            or self.filetype == "pdf"
            or (not self.mimetype and not self.filetype and self.name.lower().endswith(".pdf"))
        )


def needs_info(file: dict) -> bool:
    """Message events may carry a stub (``file_access: check_file_info``) instead of the file."""
    return (
        file.get("file_access") == "check_file_info"
        or not (file.get("url_private_download") or file.get("url_private"))
        or not (file.get("mimetype") or file.get("filetype"))
    )


def allowed(url: str, api_url: str) -> bool:
    parts = urlsplit(url)
    api = urlsplit(api_url)
    if parts.scheme == "https" and parts.hostname in SLACK_FILE_HOSTS:
        return True
    # The API host itself (a proxy or a stand-in) may be plain http, but only it.
    return bool(api.hostname) and (parts.scheme, parts.hostname, parts.port) == (api.scheme, api.hostname, api.port)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def looks_like_pdf(head: bytes) -> bool:
    # The same test the checker applies (a header anywhere in the first KiB).
    return b"%PDF-" in head[:1024]


def looks_like_html(head: bytes) -> bool:
    start = head[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start


def download(
    file: FileInfo,
    *,
    token: str,
    api_url: str,
    max_bytes: int,
    timeout: float = 60.0,
) -> bytes:
    """The file's bytes, or ``DownloadRefused`` / ``BadInput``.

    ``BadInput("too_large")`` before reading when Slack's stated size is over the
    cap, and while reading when the body turns out larger than stated.
    """
    from suijun.extractors.errors import BadInput

    limit = byte_label(max_bytes)
    if file.external:
        raise DownloadRefused("external", file.name)
    if file.size is not None and file.size > max_bytes:
        raise BadInput("too_large", limit=limit)
    if not file.url:
        raise DownloadRefused("no_url")
    url = file.url
    for _ in range(MAX_REDIRECTS + 1):
        if not allowed(url, api_url):
            raise DownloadRefused("host", urlsplit(url).hostname or url)
        req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "User-Agent": "suijun-bot"})
        try:
            resp = _opener.open(req, timeout=timeout)
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                url = urljoin(url, exc.headers["Location"])
                continue
            raise DownloadRefused("http", f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise DownloadRefused("http", type(exc).__name__) from exc
        with resp:
            stated = resp.headers.get("Content-Length")
            if stated and stated.isdigit() and int(stated) > max_bytes:
                raise BadInput("too_large", limit=limit)
            body = bytearray()
            while True:
                chunk = resp.read(CHUNK)
                if not chunk:
                    break
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise BadInput("too_large", limit=limit)
        data = bytes(body)
        if not data:
            raise BadInput("empty")
        if looks_like_pdf(data):
            return data
        if looks_like_html(data):
            raise DownloadRefused("scope")
        raise BadInput("not_pdf")
    raise DownloadRefused("http", "too many redirects")
