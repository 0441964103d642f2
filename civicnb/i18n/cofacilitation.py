# ruff: noqa: E501
"""The words of co-facilitation (named facilitator keys, who recorded what), in English
(merged into :data:`civicnb.i18n.MESSAGES`; the other languages are catalogs)."""

from __future__ import annotations

__all__ = ["COFACILITATION_MESSAGES"]

COFACILITATION_MESSAGES: dict[str, str] = {
    # the facilitator page
    "cofac_signed_in": "Signed in as {name}",
    "cofac_recorded_by": "recorded by {name}",
    "cofac_col_recorded_by": "Recorded by",
    "cofac_revoked": "Your facilitator key was revoked: this was not saved. Ask for a new key to go on.",
    # the home page: keys
    "cofac_keys_title": "Facilitators and their keys",
    "cofac_keys_text": "Each facilitator of a locality can have a key of their own, e.g. one from each side. What they record shows their name. A key is shown once, when it is made: give it to its holder. Revoke a key when its holder leaves.",
    "cofac_locality": "Facilitators of {place}",
    "cofac_none": "No facilitator has a key of their own yet.",
    "cofac_no_localities": "There is no locality yet.",
    "cofac_name": "Name",
    "cofac_since": "Since",
    "cofac_state": "Key",
    "cofac_active": "active",
    "cofac_revoked_on": "revoked on {date}",
    "cofac_new_name": "New facilitator's name ({place})",
    "cofac_add": "Add a facilitator",
    "cofac_added": "{name} was added. Their key, shown only now: {key}. Their page: {url}",
    "cofac_added_short": "{name} was added: copy their key now.",
    "cofac_key_once": "Copy it now: the key is not kept and cannot be shown again.",
    "cofac_revoke": "Revoke {name}'s key",
    "cofac_revoke_confirm": "Revoke {name}'s key? Their pages stop saving at once. This cannot be undone.",
    "cofac_revoke_yes": "Yes, revoke {name}'s key",
    "cofac_revoke_no": "No, keep it",
    "cofac_revoked_done": "{name}'s key was revoked.",
}
