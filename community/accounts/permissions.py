"""Who may do what: the one decorator every view uses to say which role it needs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from community.accounts.models import Role
from community.extensions import login_manager


def role_required(minimum: Role) -> Callable:
    """Visitors are sent to log in; members below `minimum` get the Dutch 403 page."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(minimum):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = minimum  # lets tests list every protected route
        return wrapped

    return decorator


member_required = role_required(Role.PROFESSIONAL)
ambassador_required = role_required(Role.AMBASSADOR)
moderator_required = role_required(Role.MODERATOR)
admin_required = role_required(Role.ADMIN)
