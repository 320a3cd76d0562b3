"""Every table Rapport owns, for Alembic's environment and for tests that walk the whole schema.

Importing a feature's `models` module registers its tables on `Base.metadata`; this is the one place
that imports them all.
"""

from __future__ import annotations

from storage import due_work  # noqa: F401
from storage.base import Base
from storage.coffee import models as coffee  # noqa: F401
from storage.events import models as events  # noqa: F401
from storage.followups import models as followups  # noqa: F401
from storage.help import models as help  # noqa: F401
from storage.introductions import models as introductions  # noqa: F401
from storage.keep_in_touch import models as keep_in_touch  # noqa: F401
from storage.membership import models as membership  # noqa: F401
from storage.mentoring import models as mentoring  # noqa: F401
from storage.people import models as people  # noqa: F401
from storage.program import models as program  # noqa: F401
from storage.scheduling import models as scheduling  # noqa: F401

metadata = Base.metadata
