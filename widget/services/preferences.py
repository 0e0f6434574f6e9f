"""Reading preferences: read without writing, saved whole."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from widget.errors import Conflict
from widget.extensions import db
from widget.models import Reader, ReaderPreferences
from widget.models.base import utcnow
from widget.models.preferences import DEFAULTS


def get_preferences(reader: Reader) -> ReaderPreferences:
    """The saved preferences, or unsaved defaults: a reader who never saves writes nothing."""
    saved = db.session.get(ReaderPreferences, reader.id)
    return saved or ReaderPreferences(reader_id=reader.id, **DEFAULTS)


def save_preferences(reader: Reader, values: dict) -> ReaderPreferences:
    """Replace the reader's preferences with ``values`` (every field, defaults filled in)."""
    preferences = db.session.get(ReaderPreferences, reader.id)
    if preferences is None:
        preferences = ReaderPreferences(reader_id=reader.id)
        db.session.add(preferences)
    for name, value in values.items():
        setattr(preferences, name, value)
    # Set even when nothing changed: the reader saved, and the sync compares this time.
    preferences.updated_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise Conflict(
            "preferences_in_progress", "Another save of these preferences was in progress; retry."
        ) from error
    return preferences
