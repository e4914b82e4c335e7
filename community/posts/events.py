"""Side effects in one place: every consequence of an action on posts, listed per action.

Services call these after they saved the change (flushed, not committed). Search keeps its own
outbox through SQLAlchemy session events, so it is not listed here. Mail is queued on the
session and leaves only after the commit; a rollback drops it.
"""

from __future__ import annotations

from community.accounts.models import User
from community.colleagues import services as colleagues
from community.extensions import db
from community.follows import services as follows
from community.mentions import services as mentions
from community.notifications import services as notifications
from community.notify import jobs as notify_jobs
from community.posts.models import Post, Reply


def question_asked(post: Post) -> None:
    """A member asked a question."""
    # 1. The asker follows their own question, so new answers reach them.
    _follow(post.author_id, post)
    # 2. Members mentioned in it hear so (never who asked, when anonymous).
    mentions.notify_post(post)
    # 3. Followers of its themes hear after the commit, outside this request (community.notify).
    notify_jobs.after_publish(db.session, post.id)


def practice_published(post: Post) -> None:
    """An ambassador shared a good practice."""
    # 1. The author follows their practice, so reactions reach them.
    _follow(post.author_id, post)
    # 2. Members mentioned in it hear so.
    mentions.notify_post(post)
    # 3. Followers of its themes and organisation hear after the commit (community.notify).
    notify_jobs.after_publish(db.session, post.id)


def post_edited(post: Post) -> None:
    """The author or a moderator changed a post: only newly mentioned members hear of it."""
    mentions.notify_post(post)


def reply_edited(reply: Reply) -> None:
    """A reply changed: only newly mentioned members hear of it."""
    mentions.notify_reply(reply, db.session.get(Post, reply.post_id))


def reply_posted(reply: Reply) -> None:
    """A member answered a question or reacted to a practice."""
    post = db.session.get(Post, reply.post_id)
    # 1. Counters the lists sort and filter on.
    post.reply_count = Post.reply_count + 1
    if post.first_reply_at is None:
        post.first_reply_at = reply.created_at
    post.last_activity_at = reply.created_at
    # 2. Members mentioned in it get a mention (one mail, not also the "new answer" one).
    mentioned = mentions.notify_reply(reply, post)
    # 3. Who else hears about it: everyone following the post (the asker or author follows it
    #    from the start), except whoever wrote the reply.
    recipients = [
        user
        for user in db.session.scalars(follows.followers(post=post))
        if user.id != reply.author_id and user.id not in mentioned
    ]
    # 4. Answerers follow the question they answered, so later answers reach them too.
    if post.is_question:
        _follow(reply.author_id, post)
    # 5. A notification in the site for each, and a mail for those who want one.
    notifications.new_reply(reply, post, recipients)
    # 5. A colleague someone asked to answer did: whoever asked hears it ("vraag een collega").
    if post.is_question:
        colleagues.colleague_answered(reply, post)
    db.session.flush()


def answer_accepted(reply: Reply) -> None:
    """The asker accepted an answer (or chose another one)."""
    post = db.session.get(Post, reply.post_id)
    # 1. The answerer hears their answer helped (site and mail).
    notifications.answer_accepted(reply, post)


def _follow(user_id: int | None, post: Post) -> None:
    user = db.session.get(User, user_id) if user_id else None
    if user is not None and user.is_active:
        follows.follow(user, post=post)
