"""A small but complete Community for the page-wide browser checks (accessibility, layout).

Every main page has something real to show: practices and questions with replies and an accepted
answer, themes, an organisation with members, notifications, reports waiting for a moderator,
open invitations and access requests, a follower and a digest run. Built through the services
where they exist, so the HTML is what a member's own actions would produce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app

from community.accounts.models import Role
from community.clock import utcnow
from community.colleagues import services as colleagues
from community.demo.content import THEMES as DEMO_THEMES
from community.digest import links
from community.digest.models import DigestRun, Frequency
from community.extensions import db
from community.moderation import services as moderation
from community.moderation.models import FlagReason
from community.posts import services as posts
from community.support import services as support
from tests.factories import (
    PASSWORD,
    create_access_request,
    create_invitation,
    create_organisation,
    create_subscriber,
    create_theme,
    create_user,
)


def curated_themes(*slugs: str) -> list[tuple[str, str, str]]:
    """(slug, name, description) of curated themes, from the one list the demo seed uses too."""
    by_slug = {t["slug"]: (t["slug"], t["name"], t["description"]) for t in DEMO_THEMES}
    return [by_slug[slug] for slug in slugs]


THEMES = curated_themes("inwerken", "behouden", "mentorschap-en-begeleiding", "moreel-letsel")


@dataclass
class Site:
    """What the checks need to find their way: addresses of pages and who can log in."""

    emails: dict[str, str] = field(default_factory=dict)  # audience -> e-mail address
    paths: dict[str, str] = field(default_factory=dict)  # page name -> path


# The main pages, and who looks at them. Pages of features not on this branch yet (search, De
# beweging, Mijn gegevens) are left out until their endpoint exists, and checked from then on.
VISITOR, MEMBER, AMBASSADOR, ADMIN = "visitor", "member", "ambassador", "admin"
PUBLIC = (VISITOR, MEMBER)


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # a path, or "{key}" for one of Site.paths
    endpoint: str
    audiences: tuple[str, ...]
    submit: str = ""  # press this button first: the page with its error messages
    status: int = 200


PAGES = [
    Page("home", "/", "pages.index", PUBLIC),
    Page("practice list", "/goede-voorbeelden", "posts.practices", PUBLIC),
    Page("a practice", "{practice}", "posts.detail", PUBLIC),
    Page("question list", "/vragen", "posts.questions", PUBLIC),
    Page("a question", "{question}", "posts.detail", PUBLIC),
    Page("an open question", "{open-question}", "posts.detail", (MEMBER, ADMIN)),
    Page("search", "/zoeken?q=mentor", "search.index", PUBLIC),
    Page("themes", "/themas", "themes.index", PUBLIC),
    Page("a theme", "{theme}", "themes.detail", PUBLIC),
    Page("organisations", "/organisaties", "organisations.index", PUBLIC),
    Page("an organisation", "{organisation}", "organisations.detail", PUBLIC),
    Page("de beweging", "/de-beweging", "stats.index", PUBLIC),
    Page("follow", "/volgen", "digest.follow", PUBLIC),
    Page("follow, with errors", "/volgen", "digest.follow", (VISITOR,), submit="Volgen"),
    Page("follow: check your mail", "/volgen/kijk-in-je-mail", "digest.follow_sent", (VISITOR,)),
    Page("digest preferences", "{digest-preferences}", "digest.preferences", (VISITOR,)),
    Page("unsubscribe", "{digest-unsubscribe}", "digest.unsubscribe", (VISITOR,)),
    Page("follower: delete my data", "{follower-delete}", "mydata.follower_delete", (VISITOR,)),
    Page("privacy statement", "/privacy", "pages.privacy", PUBLIC),
    Page("login", "/inloggen", "accounts.login", (VISITOR,)),
    Page("login, with errors", "/inloggen", "accounts.login", (VISITOR,), submit="Inloggen"),
    Page("forgot password", "/wachtwoord-vergeten", "accounts.forgot_password", (VISITOR,)),
    Page("request access", "/toegang-aanvragen", "invites.request_access", (VISITOR,)),
    Page("invitation", "{invitation}", "invites.accept", PUBLIC),
    Page("not found", "/bestaat-niet", "pages.index", (VISITOR,), status=404),
    Page("ask for support", "/hulp-vragen", "support.ask", PUBLIC),
    Page(
        "ask for support, with errors",
        "/hulp-vragen",
        "support.ask",
        (VISITOR,),
        submit="Hulpvraag versturen",
    ),
    Page("rekentool", "/rekentool/", "rekentool.index", PUBLIC),
    Page("rekentool, with errors", "/rekentool/", "rekentool.index", (VISITOR,), submit="Bereken"),
    Page("readiness check", "/klaar-voor-verandering/", "readiness.index", PUBLIC),
    Page(
        "readiness check, with errors",
        "/klaar-voor-verandering/",
        "readiness.index",
        (VISITOR,),
        submit="Bekijk de uitkomst",
    ),
    Page("team round: answer", "{team-round-link}", "readiness.answer", (VISITOR,)),
    # Members
    Page("a member's profile", "{member-profile}", "accounts.member", (MEMBER,)),
    Page("own profile", "/profiel", "accounts.profile", (MEMBER,)),
    Page("edit profile", "/profiel/bewerken", "accounts.edit_profile", (MEMBER,)),
    Page("settings", "/instellingen", "accounts.settings", (MEMBER,)),
    Page("change password", "/instellingen/wachtwoord", "accounts.change_password", (MEMBER,)),
    Page("digest settings", "/instellingen/nieuwsbrief", "digest.member_settings", (MEMBER,)),
    Page("notifications", "/meldingen", "notifications.index", (MEMBER,)),
    Page("wie weet wat", "/wie-weet-wat", "colleagues.directory", (MEMBER,)),
    Page("welcome step", "/welkom", "colleagues.welcome", (MEMBER, AMBASSADOR)),
    Page("ask a colleague", "{ask-colleague}", "colleagues.ask", (MEMBER,)),
    Page(
        "ask a colleague, with errors",
        "{ask-colleague}",
        "colleagues.ask",
        (MEMBER,),
        submit="Vraag om te antwoorden",
    ),
    Page("what I follow", "/ik-volg", "follows.index", (MEMBER,)),
    Page("ask a question", "/vragen/nieuw", "posts.create_question", (MEMBER,)),
    Page(
        "ask a question, with errors",
        "/vragen/nieuw",
        "posts.create_question",
        (MEMBER,),
        submit="Vraag plaatsen",
    ),
    Page("report a post", "{flag}", "moderation.flag", (MEMBER,)),
    Page("my data", "/instellingen/mijn-gegevens", "mydata.index", (MEMBER,)),
    Page("support requests", "/hulpvragen", "support.index", (MEMBER, AMBASSADOR, ADMIN)),
    Page("a support request", "{support-request}", "support.detail", (MEMBER, ADMIN)),
    Page("my rekentool scenarios", "/rekentool/scenarios", "rekentool.scenarios", (MEMBER,)),
    Page("a rekentool scenario", "{scenario}", "rekentool.scenario", (MEMBER,)),
    Page("two scenarios compared", "{compare-scenarios}", "rekentool.compare", (MEMBER,)),
    Page(
        "delete my account", "/instellingen/account-verwijderen", "mydata.delete_account", (MEMBER,)
    ),
    # Ambassadors
    Page("my invitations", "/uitnodigingen", "invites.index", (AMBASSADOR,)),
    Page("invite form", "/uitnodigingen/nieuw", "invites.create", (AMBASSADOR,)),
    Page(
        "invite form, with errors",
        "/uitnodigingen/nieuw",
        "invites.create",
        (AMBASSADOR,),
        submit="Uitnodiging versturen",
    ),
    Page("my network", "/uitnodigingen/netwerk", "invites.network", (AMBASSADOR,)),
    Page("access requests", "/toegangsverzoeken", "invites.requests", (AMBASSADOR,)),
    Page("team rounds", "/klaar-voor-verandering/teamrondes", "readiness.rounds", (AMBASSADOR,)),
    Page("a team round", "{team-round}", "readiness.round_detail", (AMBASSADOR,)),
    Page("share a practice", "/goede-voorbeelden/nieuw", "posts.create_practice", (AMBASSADOR,)),
    Page("ik denk mee", "/ik-denk-mee", "support.sparring", (AMBASSADOR,)),
    # Admins
    Page("admin dashboard", "/beheer/", "admin.index", (ADMIN,)),
    Page("admin: members", "/beheer/leden", "admin.users", (ADMIN,)),
    Page("admin: a member", "{admin-user}", "admin.user", (ADMIN,)),
    Page("admin: organisations", "/beheer/organisaties", "organisations.admin_list", (ADMIN,)),
    Page("admin: new organisation", "/beheer/organisaties/nieuw", "organisations.create", (ADMIN,)),
    Page("admin: edit organisation", "{edit-organisation}", "organisations.edit", (ADMIN,)),
    Page("admin: themes", "/beheer/themas", "themes.admin_list", (ADMIN,)),
    Page("admin: edit theme", "{edit-theme}", "themes.edit", (ADMIN,)),
    Page("admin: merge themes", "/beheer/themas/samenvoegen", "themes.merge", (ADMIN,)),
    Page("moderation queue", "/moderatie", "moderation.queue", (ADMIN,)),
    Page("search synonyms", "/beheer/zoekwoorden", "search.synonyms", (ADMIN,)),
    Page(
        "search synonyms, with errors",
        "/beheer/zoekwoorden",
        "search.synonyms",
        (ADMIN,),
        submit="Toevoegen",
    ),
    Page("digest admin", "/beheer/nieuwsbrief", "digest.admin_runs", (ADMIN,)),
    Page("digest preview", "{admin-preview}", "digest.admin_preview", (ADMIN,)),
]


def pages_for(app, audience: str) -> list[Page]:
    return [p for p in PAGES if audience in p.audiences]


def path_of(site: Site, page: Page) -> str:
    return site.paths[page.path[1:-1]] if page.path.startswith("{") else page.path


def seed_site() -> Site:
    site = Site()
    themes = [create_theme(name, slug=slug, description=text) for slug, name, text in THEMES]
    molendrift = create_organisation(
        "Molendrift",
        slug="molendrift",
        region="Groningen",
        website="https://molendrift.example.nl",
        email_domains_text="molendrift.example.nl",
    )
    raad = create_organisation("Raad voor de Kinderbescherming", slug="raad")
    admin = create_user(
        Role.ADMIN,
        email="beheer@molendrift.example.nl",
        name="Noor Beheer",
        organisation=molendrift,
    )
    moderator = create_user(Role.MODERATOR, name="Mo de Moderator", organisation=raad)
    ambassador = create_user(
        Role.AMBASSADOR,
        email="anna@molendrift.example.nl",
        name="Anna Bakker",
        job_title="Teamleider jeugdbescherming",
        bio="Ik begeleid nieuwe jeugdbeschermers in hun eerste jaar.",
        organisation=molendrift,
        invited_by_id=admin.id,
    )
    member = create_user(
        email="sanne@molendrift.example.nl",
        name="Sanne de Vries",
        job_title="Gezinsvoogd",
        organisation=molendrift,
        invited_by_id=ambassador.id,
    )
    helper = create_user(
        Role.AMBASSADOR,
        name="Ahmed el Idrissi",
        organisation=raad,
        job_title="Gedragswetenschapper",
    )

    practice = posts.publish_practice(
        ambassador,
        {
            "title": "Na 90 dagen vragen hoe het gaat: de uitstroom daalde van 17% naar 3%",
            "summary": (
                "Nieuwe collega's vullen na 90 dagen een korte vragenlijst in."
                " Wat schuurt, pakken we meteen op."
            ),
            "context": "Te veel nieuwe collega's vertrokken binnen een jaar. Niemand wist waarom.",
            "approach": (
                "- Een eerlijk beeld van het werk al in de vacature\n"
                "- Een vaste begeleider vanaf dag één\n"
                "- Na **90 dagen** een gesprek"
            ),
            "target_group": "Nieuwe jeugdbeschermers en hun teamleiders.",
            "results": "Uitstroom na één jaar: van **17%** naar **3%**.",
            "tips": "Begin klein: één team, één vragenlijst. Deel wat je leert.",
            "grounding_text": "Databank Effectieve Jeugdinterventies (NJi)",
            "grounding_url": "https://www.nji.nl/interventies",
            "themes": [themes[0].id, themes[1].id],
        },
    )
    question = posts.ask_question(
        member,
        {
            "title": "Hoe houden jullie het mentorschap vol als het druk wordt?",
            "body": "Bij ons schuiven mentorgesprekken als eerste weg. Hoe voorkomen jullie dat?",
            "themes": [themes[2].id, themes[0].id],
        },
    )
    open_question = posts.ask_question(
        helper,
        {
            "title": "Wat doen jullie in de eerste week voor een nieuwe gezinsvoogd?",
            "body": "Wij zoeken ideeën voor een eerste week die rust geeft.",
            "themes": [themes[0].id],
        },
    )
    answer = posts.post_reply(
        helper, question, "Wij plannen mentoruren vooraf in, net als cliëntafspraken."
    )
    posts.post_reply(ambassador, question, "Bij ons krijgt elke mentor een **vast uur** per week.")
    posts.accept_answer(member, answer)
    posts.post_reply(member, practice, "Mooi voorbeeld! Hoe lang is de vragenlijst?")

    for reporter, reason in ((member, FlagReason.PRIVACY), (ambassador, FlagReason.INAPPROPRIATE)):
        moderation.flag_content(
            reporter, open_question, reason, "Er staat een voornaam van een kind in."
        )

    _invitation, invitation_token = create_invitation(
        ambassador, email="bram@molendrift.example.nl", message="Hoi Bram, doe je mee?"
    )
    create_invitation(ambassador, email="lotte@molendrift.example.nl", role=Role.AMBASSADOR)
    create_access_request(
        organisation=molendrift, name="Kim Jansen", email="kim@molendrift.example.nl"
    )
    follower = create_subscriber("volger@example.nl", themes=themes[:2])
    now = utcnow()
    db.session.add(
        DigestRun(
            period=Frequency.WEEKLY,
            period_key="weekly:2026-W01",
            started_at=now - timedelta(days=7),
            finished_at=now - timedelta(days=7, seconds=-4),
            sent_count=12,
            skipped_count=3,
        )
    )
    # Who knows what: expertise themes, and a colleague asked to answer the open question.
    colleagues.set_expertise(ambassador, [themes[0].id, themes[1].id])
    colleagues.set_expertise(helper, [themes[2].id])
    colleagues.ask(member, open_question, [ambassador.id], note="Jij begeleidt starters al jaren.")
    support.set_sparring_offer(helper, True, [themes[0].id, themes[2].id], "Landelijk", 3)
    support_request = support.ask_for_support(
        member,
        support.SupportInput(
            goal="We willen een inwerkjaar waarin starters een vaste begeleider hebben.",
            tried="Buddy's, maar zonder uren lukte dat niet.",
            theme_ids=[themes[0].id],
            region="Groningen",
            help_kind="begeleiding",
            urgency="deze_maand",
        ),
    )
    support.take(helper, support_request)
    support.post_message(support_request, helper, "Zullen we volgende week bellen?")
    follower_token = links.recipient_token(links.SUBSCRIBER, follower.id, follower.email)

    site.emails = {
        "member": member.email,
        "ambassador": ambassador.email,
        "admin": admin.email,
        "moderator": moderator.email,
    }
    site.paths = {
        "practice": f"/goede-voorbeelden/{practice.id}-{practice.slug}",
        "question": f"/vragen/{question.id}-{question.slug}",
        "open-question": f"/vragen/{open_question.id}-{open_question.slug}",
        "ask-colleague": f"/vragen/{open_question.id}/vraag-een-collega",
        "theme": f"/themas/{themes[0].slug}",
        "organisation": f"/organisaties/{molendrift.slug}",
        "member-profile": f"/leden/{ambassador.id}",
        "invitation": f"/uitnodiging/{invitation_token}",
        "digest-preferences": f"/nieuwsbrief/{follower_token}",
        "digest-unsubscribe": f"/afmelden/{follower_token}",
        "follower-delete": f"/nieuwsbrief/{follower_token}/verwijderen",
        "admin-user": f"/beheer/leden/{member.id}",
        "admin-preview": f"/beheer/nieuwsbrief/voorbeeld?email={follower.email}&period=weekly",
        "flag": f"/melden/post/{practice.id}",
        "support-request": f"/hulpvragen/{support_request.id}",
        "edit-theme": f"/beheer/themas/{themes[0].id}/bewerken",
        "edit-organisation": f"/beheer/organisaties/{molendrift.slug}/bewerken",
    }
    site.paths.update(_action_tools(member, ambassador))
    # Touch no model after this commit: an open SQLite transaction would block the server.
    db.session.commit()
    # Build the search index, so /zoeken shows results.
    current_app.extensions["search"].reindex()
    return site


def _action_tools(member, ambassador) -> dict[str, str]:
    """Two saved rekentool scenarios and a team round with enough answers to show its spread."""
    from decimal import Decimal

    from community.readiness import services as readiness
    from community.rekentool import services as rekentool

    now_data = rekentool.blank_input()
    now_data.lines[3].hours, now_data.lines[3].rate = Decimal(24), Decimal("48.5")
    now_data.lines[11].hours, now_data.lines[11].rate = Decimal(900), Decimal(52)
    now_data.hires, now_data.staff, now_data.outflow_rate = Decimal(12), Decimal(75), Decimal(18)
    buddy = rekentool.from_json(rekentool.to_json(now_data))
    buddy.lines[10].hours, buddy.lines[10].rate = Decimal(120), Decimal(55)
    buddy.outflow_rate = Decimal(9)
    first = rekentool.save_scenario(member, "Zoals het nu gaat", now_data)
    second = rekentool.save_scenario(member, "Met een buddy voor iedereen", buddy)
    round_, token = readiness.start_round(ambassador, "Team Jeugdbescherming Noord", 14)
    for yes in (8, 5, 2):
        readiness.answer_round(round_, {q.key: i < yes for i, q in enumerate(readiness.QUESTIONS)})
    return {
        "scenario": f"/rekentool/scenarios/{first.id}",
        "compare-scenarios": f"/rekentool/vergelijken?a={first.id}&b={second.id}",
        "team-round": f"/klaar-voor-verandering/teamrondes/{round_.id}",
        "team-round-link": f"/klaar-voor-verandering/t/{token}",
    }


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(base + "/")
