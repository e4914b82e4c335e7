"""Imports every feature's models so the metadata is complete for Alembic and the tests."""

from community.accounts.models import (
    LoginFailure,
    LoginSession,
    PasswordResetToken,
    Role,
    User,
)
from community.colleagues.models import ColleagueAsk, member_expertise
from community.digest.models import (
    DeliveryStatus,
    DigestDelivery,
    DigestRun,
    Frequency,
    MemberDigest,
    Subscriber,
    subscriber_themes,
)
from community.follows.models import Follow
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation
from community.mail_outbox import MailStatus, OutgoingMail
from community.moderation.models import Flag, FlagReason, FlagResolution
from community.mydata.models import FollowerDataLink
from community.notifications.models import Notification, NotificationKind
from community.notify.models import MailOptOut, NoticeItem, PostFanout
from community.organisations.models import Organisation, OrganisationKind
from community.pagecache_models import ContentGeneration
from community.posts.models import (
    Post,
    PostKind,
    Reply,
    Revision,
    UsefulVote,
    Visibility,
)
from community.readiness.models import Response as ReadinessResponse
from community.readiness.models import Round as ReadinessRound
from community.rekentool.models import Scenario
from community.search.models import (
    OutboxAction,
    SearchIndexState,
    SearchOutbox,
    SearchSynonym,
    SearchSynonymVersion,
)
from community.submissions import FormSubmission
from community.support.models import (
    SparringOffer,
    SupportLink,
    SupportMessage,
    SupportOffer,
    SupportRequest,
    sparring_offer_themes,
    support_request_themes,
)
from community.themes.models import Theme, ThemeRedirect, post_themes

__all__ = [
    "LoginFailure",
    "LoginSession",
    "PasswordResetToken",
    "Role",
    "User",
    "ColleagueAsk",
    "member_expertise",
    "DeliveryStatus",
    "DigestDelivery",
    "DigestRun",
    "Frequency",
    "MemberDigest",
    "Subscriber",
    "subscriber_themes",
    "Follow",
    "AccessRequest",
    "AccessRequestStatus",
    "Invitation",
    "MailStatus",
    "OutgoingMail",
    "Flag",
    "FlagReason",
    "FlagResolution",
    "FollowerDataLink",
    "Notification",
    "NotificationKind",
    "MailOptOut",
    "NoticeItem",
    "PostFanout",
    "Organisation",
    "OrganisationKind",
    "ContentGeneration",
    "Post",
    "PostKind",
    "Reply",
    "Revision",
    "UsefulVote",
    "Visibility",
    "ReadinessResponse",
    "ReadinessRound",
    "Scenario",
    "OutboxAction",
    "SearchIndexState",
    "SearchOutbox",
    "SearchSynonym",
    "SearchSynonymVersion",
    "FormSubmission",
    "SparringOffer",
    "SupportLink",
    "SupportMessage",
    "SupportOffer",
    "SupportRequest",
    "sparring_offer_themes",
    "support_request_themes",
    "Theme",
    "ThemeRedirect",
    "post_themes",
]
