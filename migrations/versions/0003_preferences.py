"""Reader preferences, consent log and site consent settings

Revision ID: 0003_preferences
Revises: 0002_thread_versions
Create Date: 2026-11-28 17:55:11.879031

"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003_preferences"
down_revision = "0002_thread_versions"
branch_labels = None
depends_on = None

# Existing sites start with the one category every site has.
NECESSARY_ONLY = json.dumps(
    [
        {
            "key": "necessary",
            "label": "Necessary",
            "purpose": "Needed for the site to work, such as remembering these choices. Always on.",
        }
    ]
)


def upgrade():
    op.create_table(
        "consent_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("reader_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("policy_version", sa.String(length=64), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "accept_all",
                "reject_all",
                "custom",
                name="consentaction",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("granted", sa.JSON(), nullable=False),
        sa.Column("refused", sa.JSON(), nullable=False),
        sa.Column("gpc", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reader_id"],
            ["readers.id"],
            name=op.f("fk_consent_records_reader_id_readers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.id"],
            name=op.f("fk_consent_records_site_id_sites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
    )
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_records_reader_id"), ["reader_id"], unique=False
        )
        batch_op.create_index(
            "ix_consent_records_site_created", ["site_id", "created_at"], unique=False
        )

    op.create_table(
        "reader_preferences",
        sa.Column("reader_id", sa.Integer(), nullable=False),
        sa.Column("font_scale", sa.Double(), nullable=False),
        sa.Column("high_contrast", sa.Boolean(), nullable=True),
        sa.Column(
            "readable_font",
            sa.Enum(
                "none",
                "atkinson",
                "opendyslexic",
                name="readablefont",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("text_spacing", sa.Boolean(), nullable=False),
        sa.Column("line_length", sa.Integer(), nullable=True),
        sa.Column("reduce_motion", sa.Boolean(), nullable=True),
        sa.Column("underline_links", sa.Boolean(), nullable=False),
        sa.Column("reading_guide", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reader_id"],
            ["readers.id"],
            name=op.f("fk_reader_preferences_reader_id_readers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("reader_id", name=op.f("pk_reader_preferences")),
    )
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "consent_categories",
                sa.JSON(),
                server_default=NECESSARY_ONLY,
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("policy_version", sa.String(length=64), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "panel_position",
                sa.Enum(
                    "bottom-right",
                    "bottom-left",
                    "top-right",
                    "top-left",
                    name="panelposition",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                server_default="bottom-right",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("target_selector", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_column("target_selector")
        # The enum's CHECK names the column: it must go first or SQLite's copy fails.
        batch_op.drop_constraint(op.f("ck_sites_panelposition"), type_="check")
        batch_op.drop_column("panel_position")
        batch_op.drop_column("policy_version")
        batch_op.drop_column("consent_categories")

    op.drop_table("reader_preferences")
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.drop_index("ix_consent_records_site_created")
        batch_op.drop_index(batch_op.f("ix_consent_records_reader_id"))

    op.drop_table("consent_records")
