"""Two app processes, sixteen clients, one database: every comment stored once, counts right."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

from tests.factories import make_site
from tests.servers import app_processes, post_json
from widget.extensions import db
from widget.models import Comment, Thread

COMMENTS = 500
CLIENTS_PER_PROCESS = 8
PAGES = 10


def test_concurrent_posts_from_two_processes_are_all_stored_once(app, migrated_database):
    make_site()
    env = {
        "WIDGET_DATABASE_URL": migrated_database,
        "WIDGET_RATELIMIT_ENABLED": "false",
        "WIDGET_SECRET_KEY": "test-secret",
    }
    with app_processes(2, env, threads=CLIENTS_PER_PROCESS) as urls:
        # Round-robin over processes and fresh pages, so that the first comments on every
        # page race each other from both processes.
        jobs = [
            (url, f"page-{n % PAGES}", n)
            for n, url in zip(range(COMMENTS), itertools.cycle(urls), strict=False)
        ]

        def post(job):
            url, page, n = job
            return post_json(
                f"{url}/api/v1/comments", {"site": "news", "page": page, "body": f"Comment {n}"}
            )

        with ThreadPoolExecutor(max_workers=2 * CLIENTS_PER_PROCESS) as pool:
            results = list(pool.map(post, jobs))

    statuses = [status for status, _ in results]
    assert statuses.count(201) == COMMENTS, {s for s in statuses if s != 201}
    reported = {body["id"] for _, body in results}

    db.session.remove()
    stored = db.session.execute(db.select(Comment.id, Comment.body_markdown)).all()
    assert {comment_id for comment_id, _ in stored} == reported
    assert sorted(body for _, body in stored) == sorted(f"Comment {n}" for n in range(COMMENTS))

    threads = db.session.execute(db.select(Thread)).scalars().all()
    assert sorted(t.page_key for t in threads) == sorted(f"page-{n}" for n in range(PAGES))
    for thread in threads:
        actual = db.session.scalar(
            db.select(db.func.count()).select_from(Comment).filter_by(thread_id=thread.id)
        )
        assert thread.comment_count == actual == COMMENTS // PAGES
