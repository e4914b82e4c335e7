"""An invitation the mail server did not take: the ambassador is told; it is retried and resendable.

The SMTP server here is real; "down" means nothing listens on its port yet.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from community.accounts.models import Role
from community.extensions import db
from community.invites.models import AccessRequest
from tests.conftest import Browser, SMTPServer
from tests.factories import create_user
from tests.invites.helpers import link_in

NOT_SENT = "kon niet worden verstuurd"

# The outbox retries a refused mail by itself (community/mail_outbox.py) and runs the failure
# handler only after its last attempt; with no retries the first refusal is that last attempt.
pytestmark = pytest.mark.config(MAIL_RETRY_DELAYS=())


@pytest.fixture
def server(app):
    """A real SMTP server the app points at, not started: the mail server is down."""
    smtp = SMTPServer()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_TIMEOUT=2)
    yield smtp
    if smtp.controller._thread is not None:
        smtp.stop()


def page(browser, url="/uitnodigingen") -> str:
    response = browser.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_unsent_invitation_is_reported_retried_by_cron_and_its_link_works(
    app, browser, ambassador, server, runner
):
    browser.login("anna@molendrift.nl")
    response = browser.submit(
        "/uitnodigingen/nieuw", {"emails": "joris@molendrift.nl", "role": "professional"}
    )
    assert response.status_code == 302
    html = page(browser)
    assert NOT_SENT in html and "joris@molendrift.nl" in html
    assert "Je uitnodiging is verstuurd" not in html
    assert "niet verstuurd" in html
    assert "Opnieuw versturen" in html, "a failed invitation can be resent at once"
    assert "Vandaag verstuurd" not in html

    # Nothing changes while the server stays down: the retry reports it and fails the cron job.
    down = runner.invoke(args=["invites", "retry"])
    assert down.exit_code == 1, down.output
    assert "nog niet verstuurd 1" in down.output

    server.start()
    up = runner.invoke(args=["invites", "retry"])
    assert up.exit_code == 0, up.output
    assert "opnieuw verstuurd 1" in up.output
    [mail] = server.wait_for(1)
    assert mail["To"] == "joris@molendrift.nl"
    assert mail["Subject"] == "Anna Bakker nodigt je uit voor de Jeugdhulp Community"

    html = page(browser)
    assert "niet verstuurd" not in html and "Vandaag verstuurd" in html
    assert "Opnieuw versturen" not in html  # sent now: the usual 24 hours apply again

    again = runner.invoke(args=["invites", "retry"])
    assert again.exit_code == 0 and "opnieuw verstuurd 0" in again.output
    assert len(server.messages) == 1, "a delivered invitation is never retried"

    colleague = Browser(app.test_client())
    assert colleague.get(urlsplit(link_in(mail)).path).status_code == 200


def test_failed_invitation_can_be_resent_at_once_and_a_failed_resend_says_so(
    app, browser, ambassador, server
):
    browser.login("anna@molendrift.nl")
    browser.submit("/uitnodigingen/nieuw", {"emails": "bo@molendrift.nl", "role": "professional"})
    page(browser)  # the flash

    # Still down: resending at once is allowed, and says it failed again.
    resend = browser.submit("/uitnodigingen/1/opnieuw-versturen", {}, form_url="/uitnodigingen")
    assert resend.status_code == 302
    html = page(browser)
    assert NOT_SENT in html and "opnieuw verstuurd naar" not in html
    assert "Opnieuw versturen" in html

    server.start()
    resend = browser.submit("/uitnodigingen/1/opnieuw-versturen", {}, form_url="/uitnodigingen")
    assert resend.status_code == 302
    html = page(browser)
    assert "De uitnodiging is opnieuw verstuurd naar bo@molendrift.nl" in html
    assert NOT_SENT not in html and "Vandaag verstuurd" in html
    [mail] = server.wait_for(1)
    assert mail["To"] == "bo@molendrift.nl"
    # The failed attempt is not counted as a send the colleague received.
    assert "2× verstuurd" not in html


def test_approving_an_access_request_while_the_mail_server_is_down_says_so(
    app, browser, org, server
):
    create_user(Role.MODERATOR, email="mod@molendrift.nl", organisation=org)
    request = AccessRequest(name="Sem de Vries", email="sem@molendrift.nl", organisation=org)
    db.session.add(request)
    db.session.commit()
    browser.login("mod@molendrift.nl")
    response = browser.submit(
        f"/toegangsverzoeken/{request.id}/goedkeuren",
        {f"goedkeuren-{request.id}-role": "professional"},
        form_url="/toegangsverzoeken",
    )
    assert response.status_code == 302
    html = page(browser, "/toegangsverzoeken")
    assert NOT_SENT in html and "sem@molendrift.nl" in html
