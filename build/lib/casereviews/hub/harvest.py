"""``scripts/harvest``: fetch each source's open data into the snapshot folder, bounded and checked.

Each request has a timeout, a size limit and a fixed number of retries (for a connection that fails, times out
or answers 5xx; never for an answer that is simply wrong), and says who is asking in its User-Agent. Redirects
are followed only to http(s) addresses on the source's own host. A source whose ``reviews.json`` cannot be
fetched, is not JSON, is of a version the hub does not read, or does not match the schema keeps its last good
snapshot, and its ``harvest.json`` says when and why it failed. A record that is invalid is left out and reported;
the rest of the source is kept. What a source no longer publishes leaves the snapshot with the next good harvest.
"""

from __future__ import annotations

import hashlib
import shutil
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from casereviews.hub.config import HubSettings, Source
from casereviews.hub.records import MAX_CSV_BYTES, MAX_FILE_BYTES, check_csv, check_recommendations, check_reviews
from casereviews.hub.snapshot import (
    ACTIONS,
    RECOMMENDATIONS,
    RECORD,
    RECORD_VERSION,
    REVIEWS,
    dump,
    read_record,
    write_atomic,
)
from casereviews.problems import Problem, ReviewsError

USER_AGENT = "casereviews-hub/1.0 (+a national view of published safeguarding reviews; scripts/harvest)"
TIMEOUT_SECONDS = 20.0
RETRIES = 2  # attempts after the first, for failures that may pass
BACKOFF_SECONDS = 0.5  # before retry n: n times this
PATHS = {REVIEWS: "data/reviews.json", ACTIONS: "data/actions.csv", RECOMMENDATIONS: "data/recommendations.json"}


class FetchError(ReviewsError):
    """A file could not be fetched; ``missing`` when the source answered that it does not have it."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urlsplit(req.full_url), urlsplit(newurl)
        if new.scheme not in ("http", "https") or new.netloc.lower() != old.netloc.lower():
            raise FetchError(f"redirected away from the source's site (to {newurl[:100]!r}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SameHostRedirects())


def fetch(url: str, limit: int, timeout: float = TIMEOUT_SECONDS, retries: int = RETRIES) -> bytes:
    """The body at ``url``, at most ``limit`` bytes, or ``FetchError`` saying why not."""
    last = "no attempt"
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(BACKOFF_SECONDS * attempt)  # a pause before trying a failing server again
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        try:
            with _opener.open(request, timeout=timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > limit:
                    raise FetchError(f"is {int(length):,} bytes, over the limit of {limit:,}")
                body = response.read(limit + 1)
                if len(body) > limit:
                    raise FetchError(f"is over the limit of {limit:,} bytes")
                return body
        except FetchError:
            raise
        except urllib.error.HTTPError as err:
            if err.code in (404, 410):
                raise FetchError(f"not found (HTTP {err.code})", missing=True) from None
            last = f"HTTP {err.code} {err.reason}"
            if err.code < 500:
                break
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            reason = getattr(err, "reason", err)
            last = f"could not connect ({reason})" if not isinstance(reason, TimeoutError) else "timed out"
    raise FetchError(f"{last} after {attempt + 1} attempt{'s' if attempt else ''}")


def read_local(folder: Path, path: str, limit: int) -> bytes:
    file = folder / path
    try:
        if file.stat().st_size > limit:
            raise FetchError(f"is over the limit of {limit:,} bytes")
        return file.read_bytes()
    except FileNotFoundError:
        raise FetchError("not found", missing=True) from None
    except OSError as err:
        raise FetchError(f"could not be read ({err.strerror})") from None


@dataclass
class SourceResult:
    source: Source
    ok: bool
    message: str
    problems: list[Problem] = field(default_factory=list)


def harvest_source(source: Source, snapshot: Path, at: datetime) -> SourceResult:
    folder = snapshot / source.id
    record = read_record(folder)

    def get(name: str, limit: int) -> tuple[bytes, str]:
        if source.folder is not None:
            return read_local(source.folder, PATHS[name], limit), str(source.folder / PATHS[name])
        url = urljoin(source.url, PATHS[name])
        return fetch(url, limit), url

    def failed(why: str, problems: list[Problem]) -> SourceResult:
        kept = record.get("last_success")
        record.update({"version": RECORD_VERSION, "id": source.id, "name": source.name, "url": source.url,
                       "last_attempt": at.isoformat(), "last_error": why})
        record.setdefault("last_success", None)
        write_atomic(folder / RECORD, dump(record))
        tail = f"its snapshot of {kept} is kept" if kept else "it has no earlier snapshot, so it shows no reviews"
        return SourceResult(source, False, f"{source.id}: FAILED: {why}; {tail}", problems)

    try:
        raw, where = get(REVIEWS, MAX_FILE_BYTES)
    except FetchError as err:
        return failed(f"data/reviews.json {err}", [])
    checked = check_reviews(raw, source.url, where)
    if checked.data is None:
        return failed(checked.problems[0].message if checked.problems else "data/reviews.json could not be read",
                      checked.problems)
    files = {REVIEWS: {"from": where, "sha256": hashlib.sha256(raw).hexdigest(), "version": checked.data["version"]}}
    write_atomic(folder / REVIEWS, dump(checked.data))
    problems, notes = list(checked.problems), []
    for name, limit in ((RECOMMENDATIONS, MAX_FILE_BYTES), (ACTIONS, MAX_CSV_BYTES)):
        try:
            body, from_ = get(name, limit)
        except FetchError as err:
            if err.missing:  # the source does not publish it (any more): neither does the hub
                (folder / name).unlink(missing_ok=True)
            else:
                problems.append(Problem(PATHS[name], 1, "file", f"{err}; the last copy is kept"))
            continue
        if name == ACTIONS:
            kept, found = check_csv(body, from_)
            problems += found
            if kept is not None:
                write_atomic(folder / name, kept)
        else:
            sub = check_recommendations(body, source.url, from_)
            problems += sub.problems
            if sub.data is not None:
                write_atomic(folder / name, dump(sub.data))
        if (folder / name).exists():
            files[name] = {"from": from_, "sha256": hashlib.sha256(body).hexdigest()}
            notes.append(name)
    record = {"version": RECORD_VERSION, "id": source.id, "name": source.name, "url": source.url,
              "last_attempt": at.isoformat(), "last_success": at.isoformat(), "last_error": None,
              "records": checked.records, "kept": len(checked.data["reviews"]),
              "problems": [str(p) for p in problems[:200]], "files": files}
    write_atomic(folder / RECORD, dump(record))
    left = checked.records - len(checked.data["reviews"])
    count = len(checked.data["reviews"])
    message = (f"{source.id}: {count} review record{'s' if count != 1 else ''}"
               f"{f' ({left} left out)' if left else ''}, version {checked.data['version']}"
               f"{', with ' + ' and '.join(notes) if notes else ''}")
    return SourceResult(source, True, message, problems)


def harvest(settings: HubSettings, at: datetime, only: set[str] | None = None) -> list[SourceResult]:
    """Harvest every source (or those in ``only``), then drop snapshot folders of sources no longer configured."""
    settings.snapshot.mkdir(parents=True, exist_ok=True)
    results = [harvest_source(s, settings.snapshot, at) for s in settings.sources if not only or s.id in only]
    configured = {s.id for s in settings.sources}
    for folder in settings.snapshot.iterdir():
        if folder.is_dir() and folder.name not in configured and (folder / RECORD).is_file():
            shutil.rmtree(folder)  # a source taken out of the hub leaves it
    return results
