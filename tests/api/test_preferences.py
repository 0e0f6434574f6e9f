"""GET and PUT /api/v1/readers/me/preferences: neutral values with bounds."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from tests.factories import SITE_ORIGIN, bearer, make_reader, make_site
from widget.extensions import db
from widget.models import ReaderPreferences
from widget.models.base import utcnow
from widget.models.preferences import DEFAULTS as PREFERENCE_DEFAULTS
from widget.services import readers

URL = "/api/v1/readers/me/preferences"
DEFAULTS = {
    "font_scale": 1.0,
    "high_contrast": None,
    "readable_font": "none",
    "text_spacing": False,
    "line_length": None,
    "reduce_motion": None,
    "underline_links": False,
    "reading_guide": False,
    "updated_at": None,
}
EVERYTHING_ON = {
    "font_scale": 1.5,
    "high_contrast": True,
    "readable_font": "opendyslexic",
    "text_spacing": True,
    "line_length": 66,
    "reduce_motion": True,
    "underline_links": True,
    "reading_guide": True,
}


def save(client, token, body, **headers):
    return client.put(URL, json=body, headers={**bearer(token), **headers})


def test_a_reader_who_never_saved_gets_the_defaults_and_nothing_is_written(client, token):
    response = client.get(URL, headers=bearer(token))
    assert response.status_code == 200
    assert response.json == DEFAULTS
    assert response.headers["Cache-Control"] == "no-store"
    assert db.session.execute(db.select(ReaderPreferences)).first() is None


def test_saved_preferences_are_read_back(client, token):
    response = save(client, token, EVERYTHING_ON)
    assert response.status_code == 200
    assert response.json["updated_at"] is not None
    stored = client.get(URL, headers=bearer(token)).json
    assert {k: v for k, v in stored.items() if k != "updated_at"} == EVERYTHING_ON


def test_put_replaces_the_whole_set_so_omitted_fields_return_to_defaults(client, token):
    save(client, token, EVERYTHING_ON)
    response = save(client, token, {"font_scale": 1.25})
    assert response.status_code == 200
    assert {k: v for k, v in response.json.items() if k != "updated_at"} == {
        **{k: v for k, v in DEFAULTS.items() if k != "updated_at"},
        "font_scale": 1.25,
    }


def test_null_hands_a_switch_back_to_the_browser(client, token):
    save(client, token, {"high_contrast": False, "reduce_motion": False})
    response = save(client, token, {"high_contrast": None, "reduce_motion": None})
    assert response.json["high_contrast"] is None
    assert response.json["reduce_motion"] is None


def test_preferences_belong_to_one_reader(client, app):
    site = make_site()
    first, second = make_reader(site), make_reader(site)
    save(client, first, {"font_scale": 2.0})
    assert client.get(URL, headers=bearer(second)).json["font_scale"] == 1.0


@pytest.mark.parametrize("scale", [0.8, 0.85, 1.0, 1.1, 1.75, 2.0])
def test_font_scale_bounds_and_steps_accepted(client, token, scale):
    assert save(client, token, {"font_scale": scale}).json["font_scale"] == scale


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"font_scale": 0.75}, "font_scale"),
        ({"font_scale": 2.05}, "font_scale"),
        ({"font_scale": 1.01}, "font_scale"),
        ({"font_scale": "1.5"}, "font_scale"),
        ({"font_scale": True}, "font_scale"),
        ({"font_scale": None}, "font_scale"),
        ({"high_contrast": 1}, "high_contrast"),
        ({"high_contrast": "yes"}, "high_contrast"),
        ({"text_spacing": None}, "text_spacing"),
        ({"readable_font": "comic-sans"}, "readable_font"),
        ({"readable_font": None}, "readable_font"),
        ({"line_length": 44}, "line_length"),
        ({"line_length": 81}, "line_length"),
        ({"line_length": 60.5}, "line_length"),
        ({"reading_guide": "on"}, "reading_guide"),
        ({"dyslexia_mode": True}, "dyslexia_mode"),
    ],
)
def test_bad_values_and_unknown_keys_are_422s_naming_the_field(client, token, body, field):
    response = save(client, token, body)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


@pytest.mark.parametrize("body", [[], "large", 3])
def test_a_body_that_is_not_an_object_is_a_422(client, token, body):
    assert save(client, token, body).status_code == 422


def test_a_failed_save_changes_nothing(client, token):
    save(client, token, EVERYTHING_ON)
    save(client, token, {"font_scale": 1.0, "line_length": 500})
    assert client.get(URL, headers=bearer(token)).json["font_scale"] == 1.5


def test_json_only(client, token):
    response = client.put(URL, data="font_scale=1.5", headers=bearer(token))
    assert response.status_code == 415
    assert response.json["error"]["code"] == "unsupported_media_type"


def test_malformed_json_is_a_400(client, token):
    response = client.put(URL, data="{", content_type="application/json", headers=bearer(token))
    assert response.status_code == 400
    assert response.is_json


def test_an_oversized_body_is_a_413(client, token, app):
    padding = "x" * app.config["MAX_CONTENT_LENGTH"]
    response = save(client, token, {"font_scale": 1.0, "padding": padding})
    assert response.status_code == 413
    assert response.is_json


@pytest.mark.parametrize("method", ["get", "put"])
@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "token_required"),
        ({"Authorization": "Bearer not-a-token"}, "invalid_token"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "token_required"),
    ],
)
def test_without_a_valid_token_it_is_a_401(client, token, method, headers, code):
    response = getattr(client, method)(URL, json={}, headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == code


def test_a_foreign_origin_may_not_write_but_the_sites_own_may(client, token):
    foreign = save(client, token, {"font_scale": 1.5}, Origin="https://evil.example")
    assert foreign.status_code == 403
    own = save(client, token, {"font_scale": 1.5}, Origin=SITE_ORIGIN)
    assert own.status_code == 200
    assert own.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN


def test_a_first_save_racing_another_is_a_409_and_keeps_the_winner(client, token, monkeypatch):
    reader = readers.authenticate_reader(None, token, required=True)
    # The other request's row lands after this one looked and found none.
    db.session.execute(
        insert(ReaderPreferences).values(
            reader_id=reader.id, **{**PREFERENCE_DEFAULTS, "font_scale": 2.0}, updated_at=utcnow()
        )
    )
    db.session.commit()
    monkeypatch.setattr(db.session, "get", lambda *args, **kwargs: None)

    response = save(client, token, {"font_scale": 1.5})
    assert response.status_code == 409
    assert response.json["error"]["code"] == "preferences_in_progress"
    monkeypatch.undo()
    assert client.get(URL, headers=bearer(token)).json["font_scale"] == 2.0
