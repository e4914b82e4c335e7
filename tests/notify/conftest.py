"""The fixtures of the delivery tests: a served app and a real worker process."""

from tests.served import served  # noqa: F401  (a pytest fixture)
from tests.worker import worker  # noqa: F401  (a pytest fixture)
