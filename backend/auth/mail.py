"""Outgoing e-mail through the SMTP server the settings name (`CORDEE_SMTP_*`)."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from backend.settings import Settings

log = logging.getLogger("cordee.mail")


def send_mail(settings: Settings, to: str, subject: str, body: str) -> bool:
    """Sends a plain-text message; answers whether the server took it. Failures are logged, never raised: whoever
    asked is told the same either way."""
    if not settings.smtp_host:
        log.warning("No SMTP server is set (CORDEE_SMTP_HOST): a message was not sent.")
        return False
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username and settings.smtp_password:
                smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("The SMTP server did not take a message: %s", type(error).__name__)
        return False
    return True
