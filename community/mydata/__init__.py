"""A member's and a follower's rights over their own data (AVG/GDPR): see it all, take it with
them, delete it; and `flask privacy purge`, which deletes what has passed its retention period.

Not to be confused with community.privacy, the guard that keeps children's data out of posts.
"""
