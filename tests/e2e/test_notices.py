"""A notice looks like what it says: a warning in the warning colours, with text that stays
readable (WCAG AA, 4.5:1) on its tint. site.css once declared `.notice` four times in
conflicting colours; the last, in information colours, hid the digest's warnings."""

from __future__ import annotations

from community.clock import utcnow
from community.digest import links
from community.extensions import db
from tests.e2e.conftest import screenshot
from tests.factories import create_subscriber

WARN_TINT, WARN = "rgb(255, 244, 222)", "rgb(138, 83, 0)"  # --warn-tint, --warn

LOOK = """(el) => {
  const cs = getComputedStyle(el);
  const rgb = (s) => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [a, b] = [lum(rgb(cs.color)), lum(rgb(cs.backgroundColor))].sort((x, y) => y - x);
  return {background: cs.backgroundColor, border: cs.borderLeftColor,
          contrast: (a + 0.05) / (b + 0.05)};
}"""


def test_an_unsubscribed_follower_sees_the_warning_in_warning_colours(app, live_server, page):
    follower = create_subscriber("volger@example.nl", all_themes=True, unsubscribed_at=utcnow())
    token = links.recipient_token(links.SUBSCRIBER, follower.id, follower.email)
    db.session.commit()

    page.goto(f"{live_server}/nieuwsbrief/{token}")
    notice = page.locator(".notice", has_text="je bent afgemeld")
    look = notice.evaluate(LOOK)
    assert (look["background"], look["border"]) == (WARN_TINT, WARN), look
    assert look["contrast"] >= 4.5, look
    screenshot(page, "notice-warning-1280")
