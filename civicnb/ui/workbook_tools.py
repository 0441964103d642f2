"""A participant's own workbook on their page: download it (JSON, XLSX), upload one to
continue, and the warning that a temporary server (Binder) keeps nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ipywidgets as W

from civicnb.errors import CivicnbError, WorkbookError
from civicnb.html.safe import html_escape as _h
from civicnb.i18n import error_text, keyed, t
from civicnb.ui.context import DownloadButton, LiveStatus
from civicnb.ui.environment import is_temporary
from civicnb.ui.locality_context import Context
from civicnb.ui.markup import html_widget
from civicnb.workshop.participation import ParticipantSession, SessionEnded, merge_own_workbook

__all__ = ["XLSX_MIME", "WorkbookTools", "workbook_tools"]


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookTools(W.VBox):
    """Download my workbook (JSON, XLSX), upload one to continue, the Binder warning.

    Built before anyone asks for the page (a preheated kernel builds it with the rest),
    then bound to the participant: nothing is created after the request but their data.
    """

    def __init__(self, ctx: Context, lang: str) -> None:
        self.ctx = ctx
        self.lang = lang
        self.session: ParticipantSession | None = None
        self.on_loaded: Callable[[], None] = lambda: None
        self.status = LiveStatus()
        self.heading = html_widget("")
        self.warning = html_widget("") if is_temporary() else None
        self.download_json = DownloadButton(
            "", "civicnb.json", "application/json", self._json_bytes, self._fail
        )
        self.download_xlsx = DownloadButton(
            "", "civicnb.xlsx", XLSX_MIME, self._excel_bytes, self._fail
        )
        self.upload = W.FileUpload(accept=".json,application/json", multiple=False)
        self.upload.layout.width = "auto"
        self.upload.observe(self._on_upload, names="value")
        parts: list[W.Widget] = [self.heading]
        if self.warning is not None:
            parts.append(self.warning)
        parts += [
            W.HBox([self.download_json, self.download_xlsx], layout=W.Layout(flex_flow="row wrap")),
            self.upload,
            self.status,
        ]
        super().__init__(parts)
        self.add_class("civicnb-workbook")
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        self.lang = lang
        self.heading.value = f"<h2>{_h(t('workbook', lang))}</h2>"
        if self.warning is not None:
            self.warning.value = (
                f'<p class="civicnb-warning" role="note">{_h(t("binder_warning", lang))}</p>'
            )
        self.download_json.label = t("download_json", lang)
        self.download_xlsx.label = t("download_xlsx", lang)
        self.upload.description = t("upload", lang)

    def bind(self, session: ParticipantSession, on_loaded: Callable[[], None]) -> None:
        self.session = session
        self.on_loaded = on_loaded
        stem = f"civicnb-{self.ctx.locality.slug}-{session.participant.id[:8]}"
        self.download_json.filename = f"{stem}.json"
        self.download_xlsx.filename = f"{stem}.xlsx"

    def _bound(self) -> ParticipantSession:
        if self.session is None:
            raise keyed(CivicnbError, "err_no_participant")
        self.session.check_live()  # a tab left open after its session ended gets nothing
        return self.session

    def _fail(self, exc: Exception) -> None:
        if isinstance(exc, SessionEnded):
            self.status.show(t("session_over", self.lang), "error")
            return
        self.status.show(t("error", self.lang, reason=error_text(exc, self.lang)), "error")

    def _json_bytes(self) -> bytes:
        from civicnb.exchange import workbook_to_dict

        doc = workbook_to_dict(
            self._bound().my_records(), framework_version=self.ctx.framework.version
        )
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def _excel_bytes(self) -> bytes:
        from civicnb.exchange.tables import xlsx_bytes

        return xlsx_bytes(self._bound().my_records(), self.ctx.framework, self.lang)

    def _on_upload(self, change: dict[str, Any]) -> None:
        from civicnb.exchange.workbook import parse_json_bytes, workbook_from_dict

        files = change["new"]
        if not files:
            return
        item = files[0]
        ctx, lang = self.ctx, self.lang
        try:
            session = self._bound()
            raw = bytes(item["content"])
            doc = parse_json_bytes(raw, str(item.get("name", "workbook"))[:100])
            records, _ = workbook_from_dict(
                doc,
                source=str(item.get("name", "workbook"))[:100],
                question_ids=lambda fid, block: ctx.workspace.framework(fid).question_ids,
            )
            counts = merge_own_workbook(ctx.store, records, ctx.locality, session.participant)
        except SessionEnded:
            self.status.show(t("session_over", lang), "error")
        except WorkbookError as exc:
            # the details of a file that is not a workbook are for the command line
            reason = (
                error_text(exc, lang)
                if exc.key
                else t("err_not_workbook", lang, name=str(item.get("name", "workbook"))[:100])
            )
            self.status.show(t("upload_failed", lang, reason=reason), "error")
        except CivicnbError as exc:
            self.status.show(t("upload_failed", lang, reason=error_text(exc, lang)), "error")
        else:
            self.status.show(t("upload_done", lang, **counts), "ok")
            self.on_loaded()
        finally:
            self.upload.value = ()


def workbook_tools(
    ctx: Context, session: ParticipantSession, on_loaded: Callable[[], None]
) -> WorkbookTools:
    tools = WorkbookTools(ctx, ctx.lang)
    tools.bind(session, on_loaded)
    return tools
