"""Consent: readers' decisions appended to the site's log, and the log's export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice
from typing import TextIO

from widget.errors import Conflict, InvalidInput
from widget.extensions import db
from widget.models import NECESSARY, ConsentAction, ConsentRecord, Reader, Site

CSV_COLUMNS = (
    "id",
    "created_at",
    "reader",
    "policy_version",
    "action",
    "granted",
    "refused",
    "gpc",
)
CSV_BATCH = 500


def _action(granted: list[str], refused: list[str]) -> ConsentAction:
    if not refused:
        return ConsentAction.ACCEPT_ALL
    if granted == [NECESSARY]:
        return ConsentAction.REJECT_ALL
    return ConsentAction.CUSTOM


def record_consent(
    reader: Reader, policy_version: str, choices: dict[str, bool], *, gpc: bool
) -> ConsentRecord:
    """Append the reader's decision to the log; every decision, refusals included.

    Consent is opt-in: an optional category is granted only by an explicit ``true``, so under
    Global Privacy Control every optional category the reader did not turn on is off. Whether
    GPC was on is recorded with the decision.
    """
    site = reader.site
    if policy_version != site.policy_version:
        raise Conflict(
            "policy_outdated",
            f"The privacy policy is now version {site.policy_version}: ask the reader again.",
        )
    keys = [category["key"] for category in site.consent_categories]
    unknown = sorted(set(choices) - set(keys))
    if unknown:
        raise InvalidInput("choices", f"This site has no category {', '.join(unknown)}.")
    if choices.get(NECESSARY) is False:
        raise InvalidInput("choices", "Necessary cannot be turned off.")
    granted = [key for key in keys if key == NECESSARY or choices.get(key) is True]
    refused = [key for key in keys if key not in granted]
    record = ConsentRecord(
        site_id=site.id,
        reader_id=reader.id,
        policy_version=policy_version,
        action=_action(granted, refused),
        granted=granted,
        refused=refused,
        gpc=gpc,
    )
    db.session.add(record)
    db.session.commit()
    return record


def consent_history(reader: Reader) -> list[ConsentRecord]:
    return list(
        db.session.execute(
            db.select(ConsentRecord)
            .filter_by(reader_id=reader.id)
            .order_by(ConsentRecord.created_at, ConsentRecord.id)
        ).scalars()
    )


def consent_rows(site: Site) -> Iterator[tuple]:
    """The site's consent log as CSV rows: the header, then every decision oldest first.

    ``reader`` is the reader's internal id, blank once that reader was erased. Records are
    fetched ``CSV_BATCH`` at a time, so a long log is never held in memory whole.
    """
    yield CSV_COLUMNS
    records = db.session.execute(
        db.select(ConsentRecord)
        .filter_by(site_id=site.id)
        .order_by(ConsentRecord.created_at, ConsentRecord.id)
        .execution_options(yield_per=CSV_BATCH)
    ).scalars()
    for record in records:
        yield (
            record.id,
            record.created_at.isoformat(),
            record.reader_id or "",
            record.policy_version,
            record.action.value,
            " ".join(record.granted),
            " ".join(record.refused),
            "true" if record.gpc else "false",
        )


def consent_csv(site: Site) -> Iterator[str]:
    """The site's consent log as CSV text, ``CSV_BATCH`` rows a chunk, for a streamed download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = consent_rows(site)
    while batch := list(islice(rows, CSV_BATCH)):
        writer.writerows(batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write_consent_csv(site: Site, stream: TextIO) -> int:
    """Write the site's consent log as CSV to ``stream``; returns the number of records."""
    writer = csv.writer(stream)
    count = -1  # the header is not a record
    for row in consent_rows(site):
        writer.writerow(row)
        count += 1
    return count
