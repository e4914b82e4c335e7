"""How long the Community keeps what: the one source for `flask privacy purge` and the privacy page.

The privacy statement (templates/pages/privacy.html) renders these numbers, and a test checks that
the statement, the purge and the README's cron section agree. Change a period here, and all three
follow; never write one of these numbers into a template or the README by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from community.accounts.password_reset import RESET_VALID_FOR
from community.digest.services import CONFIRM_VALID_FOR
from community.invites.services import VALID_FOR as INVITATION_VALID_FOR

# A follow request (e-mail only) whose confirmation link was not used: deleted this long after the
# request. It is at least as long as the link works (digest.services.CONFIRM_VALID_FOR).
UNCONFIRMED_FOLLOW = timedelta(days=7)
# A follower who unsubscribed: kept this long so an accidental click can be undone, then deleted.
UNSUBSCRIBED_FOLLOWER = timedelta(days=30)
# An invitation that expired unused, or was revoked: deleted this long after it expired or was
# revoked. Accepted invitations stay: they are the invitation tree's record.
ENDED_INVITATION = timedelta(days=30)
# A password reset link: deleted this long after it expired (it works for one hour).
ENDED_RESET_TOKEN = timedelta(days=30)
# An access request that was approved or declined: deleted this long after the decision.
DECIDED_ACCESS_REQUEST = timedelta(days=30)
# A support request asked without an account whose address was never confirmed: deleted this long
# after it was asked (the confirmation link works as long: support.services.CONFIRM_VALID).
UNCONFIRMED_SUPPORT_REQUEST = timedelta(days=7)
# A support request that was finished (afgerond) or closed: deleted this long after, with its
# messages. What it brought lives on in a good practice only if the helper wrote one.
ENDED_SUPPORT_REQUEST = timedelta(days=365)
# The newsletter log (who got which digest when, and each run): deleted after this long.
DIGEST_LOG = timedelta(days=365)
# A site mail in the outbox table (community/mail_outbox.py) once sent (its content is emptied
# then: only address and time stay) or given up on (content kept, to see what failed): deleted
# this long after it was written.
OUTGOING_MAIL = timedelta(days=7)
# The one-time key of a form that created something (community/submissions.py), kept so a second
# send of the same form (a double click, a reload, two tabs) gets the first one's result instead of
# making another: that happens within minutes, so a week is plenty. Only a hash is stored, no id.
FORM_SUBMISSION = timedelta(days=7)
# Mails written to the outbox folder instead of sent (development, no MAIL_SERVER): deleted after.
OUTBOX_MAIL = timedelta(days=30)

# Kept outside the database, by the server's set-up (README, "Production"): the web server's and
# the app's logs, and the nightly database backups.
SERVER_LOGS = timedelta(days=14)
BACKUPS = timedelta(days=30)

# What the privacy page also mentions, owned by other features (imported, never repeated).
REMEMBER_COOKIE_DAYS = 30  # config.REMEMBER_COOKIE_DURATION; a test checks they are equal


@dataclass(frozen=True)
class Periods:
    """The periods in whole days (and hours), as the privacy page and README print them."""

    unconfirmed_follow: int = UNCONFIRMED_FOLLOW.days
    unsubscribed_follower: int = UNSUBSCRIBED_FOLLOWER.days
    ended_invitation: int = ENDED_INVITATION.days
    ended_reset_token: int = ENDED_RESET_TOKEN.days
    decided_access_request: int = DECIDED_ACCESS_REQUEST.days
    unconfirmed_support_request: int = UNCONFIRMED_SUPPORT_REQUEST.days
    ended_support_request: int = ENDED_SUPPORT_REQUEST.days
    digest_log: int = DIGEST_LOG.days
    outbox_mail: int = OUTBOX_MAIL.days
    outgoing_mail: int = OUTGOING_MAIL.days
    form_submission: int = FORM_SUBMISSION.days
    server_logs: int = SERVER_LOGS.days
    backups: int = BACKUPS.days
    remember_cookie: int = REMEMBER_COOKIE_DAYS
    invitation_valid: int = INVITATION_VALID_FOR.days
    follow_link_valid: int = CONFIRM_VALID_FOR.days
    reset_link_valid_hours: int = int(RESET_VALID_FOR.total_seconds() // 3600)


PERIODS = Periods()
