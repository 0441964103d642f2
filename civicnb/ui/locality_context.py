"""What every page of a locality works with: the workspace, its store, the framework,
the locality, the language, the round and the session token the browser holds."""

from __future__ import annotations

from dataclasses import dataclass

from civicnb.errors import CivicnbError
from civicnb.framework.model import Framework
from civicnb.i18n import LANGUAGES
from civicnb.records import Locality
from civicnb.store import Store
from civicnb.ui.context import PageContext
from civicnb.workshop.participation import ParticipantSession, session_info
from civicnb.workspace import Workspace, open_workspace

__all__ = ["Context"]


@dataclass
class Context:
    """One page's view of its locality; :meth:`open` it from the notebook's parameters."""

    workspace: Workspace
    store: Store
    framework: Framework
    locality: Locality
    lang: str
    round_label: str | None
    kiosk: bool = False
    """Kiosk mode: a shared device; its sessions end with "Next participant"."""
    token: str | None = None
    """The session token the browser holds (never in an address)."""
    easy_read: bool = False
    """Easy read: the framework's easy-read texts, with pictures (``easy=1`` in the
    address, carried from page to page like the language)."""

    @classmethod
    def open(cls, locality: str, workspace: str, lang: str, round_label: str | None) -> Context:
        ws = open_workspace(workspace or None)
        store = ws.open_store()
        loc = store.get_locality(locality)
        fw = ws.framework(loc.edition)
        language = lang if lang in LANGUAGES else loc.language
        return cls(ws, store, fw, loc, language, round_label or None)

    @property
    def storage_key(self) -> str:
        """Where the browser keeps this locality's session token."""
        return f"civicnb:{self.locality.id}"

    def session(self, participant_id: str) -> ParticipantSession:
        session = ParticipantSession.resume(
            self.store, self.framework, self.locality, participant_id, self.round_label
        )
        session.token = self.token
        return session

    def who(self, participant_id: str = "") -> str:
        """What a page address says besides the language: never an identity (the
        browser's session token says who is answering); ``kiosk=1`` on a shared device,
        ``easy=1`` in easy read."""
        parts = (["kiosk=1"] if self.kiosk else []) + (["easy=1"] if self.easy_read else [])
        return "&".join(parts)

    def identify(self, page: PageContext) -> ParticipantSession | None:
        """The session of the participant whose live token the browser holds, else None
        (an ended or expired token is dropped from the browser)."""
        token = page.remembered().get("s")
        info = session_info(self.store, token, touch=True)
        if info is None:
            if token:
                page.drop()
            return None
        self.token = token
        self.kiosk = info.kiosk
        try:
            return self.session(info.participant_id)
        except CivicnbError:
            self.token = None
            return None

    def query(self, lang: str | None = None) -> str:
        who = self.who()
        return f"{who}&lang={lang or self.lang}" if who else f"lang={lang or self.lang}"
