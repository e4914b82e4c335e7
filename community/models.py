"""Imports every feature's models so the metadata is complete for Alembic and the tests."""

from community.accounts.models import (  # noqa: F401
    LoginFailure,
    LoginSession,
    PasswordResetToken,
    Role,
    User,
)
from community.colleagues.models import ColleagueAsk, member_expertise  # noqa: F401
from community.digest.models import (  # noqa: F401
    DeliveryStatus,
    DigestDelivery,
    DigestRun,
    Frequency,
    Subscriber,
    subscriber_themes,
)
from community.follows.models import Follow  # noqa: F401
from community.invites.models import AccessRequest, AccessRequestStatus, Invitation  # noqa: F401
from community.moderation.models import Flag, FlagReason, FlagResolution  # noqa: F401
from community.mydata.models import FollowerDataLink  # noqa: F401
from community.notifications.models import Notification, NotificationKind  # noqa: F401
from community.notify.models import MailOptOut, NoticeItem, PostFanout  # noqa: F401
from community.organisations.models import Organisation, OrganisationKind  # noqa: F401
from community.pagecache import ContentGeneration  # noqa: F401
from community.posts.models import (  # noqa: F401
    Post,
    PostKind,
    Reply,
    Revision,
    UsefulVote,
    Visibility,
)
from community.readiness.models import Response as ReadinessResponse  # noqa: F401
from community.readiness.models import Round as ReadinessRound  # noqa: F401
from community.rekentool.models import Scenario  # noqa: F401
from community.search.models import OutboxAction, SearchIndexState, SearchOutbox  # noqa: F401
from community.submissions import FormSubmission  # noqa: F401
from community.support.models import (  # noqa: F401
    SparringOffer,
    SupportLink,
    SupportMessage,
    SupportOffer,
    SupportRequest,
    sparring_offer_themes,
    support_request_themes,
)
from community.themes.models import Theme, ThemeRedirect, post_themes  # noqa: F401
