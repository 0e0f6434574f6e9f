"""Email to moderators: the addresses per site, the message about a held comment, and SMTP."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import parseaddr

from flask import current_app

from widget.errors import Conflict, DeliveryError, InvalidInput, NotFound
from widget.extensions import db
from widget.models import Comment, ModeratorEmail, Site


def _check_address(address: str) -> str:
    address = address.strip()
    name, parsed = parseaddr(address)
    if name or parsed != address or "@" not in address or len(address) > 254:
        raise InvalidInput("address", f"{address!r} is not a plain email address.")
    return address


def add_moderator_email(site: Site, address: str) -> ModeratorEmail:
    """Send this site's held comments to ``address`` (instead of ``WIDGET_MODERATOR_EMAILS``)."""
    address = _check_address(address)
    if address in site_addresses(site):
        raise Conflict("address_exists", f"{address} hears of {site.slug} already.")
    entry = ModeratorEmail(site_id=site.id, address=address)
    db.session.add(entry)
    db.session.commit()
    return entry


def site_addresses(site: Site) -> list[str]:
    return list(
        db.session.execute(
            db.select(ModeratorEmail.address)
            .filter_by(site_id=site.id)
            .order_by(ModeratorEmail.address)
        ).scalars()
    )


def remove_moderator_email(site: Site, address: str) -> None:
    entry = db.session.execute(
        db.select(ModeratorEmail).filter_by(site_id=site.id, address=address.strip())
    ).scalar_one_or_none()
    if entry is None:
        raise NotFound("address_not_found", f"{address} does not hear of {site.slug}.")
    db.session.delete(entry)
    db.session.commit()


def recipients(site: Site) -> list[str]:
    """The site's own addresses, else the service-wide ones; none while SMTP is not set up."""
    config = current_app.config
    if not config["WIDGET_SMTP_HOST"]:
        return []
    return site_addresses(site) or config["WIDGET_MODERATOR_EMAILS"]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def held_comment_message(comment: Comment, to: list[str]) -> dict:
    """The email about a comment awaiting moderation, as stored in its delivery."""
    thread = comment.thread
    site = thread.site
    page = thread.title or thread.page_key
    # Page keys are either a publisher's id or a normalised URL (with a lower-case scheme).
    link = thread.url or (
        thread.page_key if thread.page_key.startswith(("http://", "https://")) else None
    )
    author = comment.author_name or "Anonymous"
    if comment.author_email:
        author += f" <{comment.author_email}>"
    lines = [f"A new comment on {site.name} is waiting for moderation.", "", f"Page: {page}"]
    if link:
        lines.append(link)
    lines += [f"Author: {author}", "", comment.body_markdown, ""]
    public_url = current_app.config["WIDGET_PUBLIC_URL"]
    if public_url:
        lines.append(f"Moderate it: {public_url.rstrip('/')}/admin")
    return {
        "to": to,
        "subject": _one_line(f"[{site.name}] New comment awaiting moderation: {page}")[:200],
        "text": "\n".join(lines),
    }


def send(message: dict, timeout: float) -> None:
    """Send a stored message through the configured SMTP server, or raise ``DeliveryError``."""
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["WIDGET_SMTP_FROM"]
    email["To"] = ", ".join(message["to"])
    email["Subject"] = message["subject"]
    email.set_content(message["text"])
    try:
        host, port = config["WIDGET_SMTP_HOST"], config["WIDGET_SMTP_PORT"]
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if config["WIDGET_SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["WIDGET_SMTP_USERNAME"]:
                smtp.login(config["WIDGET_SMTP_USERNAME"], config["WIDGET_SMTP_PASSWORD"] or "")
            smtp.send_message(email)
    except smtplib.SMTPResponseException as error:
        reply = error.smtp_error.decode(errors="replace")
        raise DeliveryError(f"SMTP {error.smtp_code} {reply}", error.smtp_code) from error
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(str(error) or type(error).__name__) from error
