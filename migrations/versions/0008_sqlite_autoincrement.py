"""Never reuse ids on SQLite: AUTOINCREMENT on every table keyed by ``id``

SQLite hands the largest id out again once its row is deleted, so a purged comment's id
(and its audit history) could pass to the next comment. Rebuilding each table with
AUTOINCREMENT stops that. PostgreSQL sequences never reuse ids: nothing to do there.

Revision ID: 0008_sqlite_autoincrement
Revises: 0007_porting
Create Date: 2026-11-28 19:40:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_sqlite_autoincrement"
down_revision = "0007_porting"
branch_labels = None
depends_on = None

TABLES = (
    "sites",
    "site_origins",
    "admin_tokens",
    "audit_entries",
    "readers",
    "threads",
    "webhook_endpoints",
    "moderator_emails",
    "bans",
    "comments",
    "consent_records",
    "deliveries",
    "delivery_attempts",
    "flags",
    "imported_comments",
    "votes",
)


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
