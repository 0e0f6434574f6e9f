"""Anonymous readers: a token issued once and kept by the browser, stored as a hash."""

from __future__ import annotations

from widget.errors import Unauthorized
from widget.extensions import db
from widget.models import Reader, Site
from widget.services.privacy import hash_token, new_token


def create_reader(site: Site) -> tuple[Reader, str]:
    """Issue a reader identity; the token is returned once and never stored."""
    token = new_token()
    reader = Reader(site=site, token_hash=hash_token(token))
    db.session.add(reader)
    db.session.commit()
    return reader, token


def authenticate_reader(site: Site | None, token: str | None, *, required: bool) -> Reader | None:
    """The reader a token belongs to on this site; a token that is sent must be valid.

    Without a site, any site's reader: a token is unique, so it names its site by itself.
    """
    if token is None:
        if required:
            raise Unauthorized("token_required", "A reader token is required.")
        return None
    query = db.select(Reader).filter_by(token_hash=hash_token(token))
    if site is not None:
        query = query.filter_by(site_id=site.id)
    reader = db.session.execute(query).scalar_one_or_none()
    if reader is None:
        raise Unauthorized("invalid_token", "The reader token is not valid for this site.")
    return reader
