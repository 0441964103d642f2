"""The ``civicnb`` command: a thin layer of click over :mod:`civicnb.api`.

Errors are one line on stderr and a non-zero exit status: 1 for bad input, 2 for bad
usage; never a traceback (set CIVICNB_DEBUG=1 to see one for an unexpected error).

One function per command, in the order of ``civicnb --help``, each importing what it
needs when it runs (``civicnb --version`` stays light). Its ~600 lines are mostly the
commands' options and help texts: the command line's documentation, kept in one place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from civicnb import __version__
from civicnb.errors import CivicnbError
from civicnb.i18n.catalogs import LANGUAGES as _LANGUAGES

__all__ = ["cli", "main", "printable"]

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional controls
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")  # C0 but tab, newline; C1
_CONTROL_ALL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def printable(text: str, *, keep_layout: bool = True) -> str:
    """``text`` with terminal control characters shown as escapes (``\\x1b``,
    ``\\u202e``) instead of acting on the terminal: a name typed or uploaded by
    anyone cannot clear the screen, move the cursor or reverse the text around it.
    Without ``keep_layout``, tabs and newlines are escaped too (for one field of a line).
    """
    pattern = _CONTROL if keep_layout else _CONTROL_ALL
    return pattern.sub(lambda m: ascii(m.group())[1:-1], text)


def _echo(message: object = None, *, err: bool = False) -> None:
    """click.echo, with terminal control characters escaped."""
    click.echo(None if message is None else printable(str(message)), err=err)


_workspace_option = click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Workspace folder (default: $CIVICNB_HOME, else ./civicnb-workspace).",
)


_F = TypeVar("_F", bound=Callable[..., Any])

LANGUAGES = tuple(_LANGUAGES)
"""The languages of the pages, reports and course."""


def _lang_option(
    default: str | None, help: str, *, dest: str = "lang", also: tuple[str, ...] = ()
) -> Callable[[_F], _F]:
    """The one ``--lang`` option of every command (``also``: other names for it). The
    default differs by command: the course, its case and the demo are Spanish first
    (``es``), a new locality's pages English (``en``), and a report is in its
    locality's language unless told (``None``)."""
    return click.option(
        "--lang",
        *also,
        dest,
        type=click.Choice(LANGUAGES),
        default=default,
        show_default=default is not None,
        help=help,
    )


def _private() -> None:
    """What the command creates (store, reports, exports, settings, the pages' folders)
    holds personal data: readable by its owner only. :func:`main` restores the umask."""
    os.umask(0o077)


def _ws_arg(ctx: click.Context, workspace: Path | None) -> Path | None:
    return workspace if workspace is not None else ctx.obj.get("workspace")


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # keep the contract's order in --help


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="civicnb")
@_workspace_option
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None) -> None:
    """civicnb: civic partnership self-assessment workbooks (Towell's six strands)."""
    ctx.ensure_object(dict)
    ctx.obj["workspace"] = workspace


@cli.command()
@_workspace_option
@click.option(
    "--store",
    "store_url",
    default=None,
    help="Store URL (default: SQLite in the workspace); e.g. postgresql://user@host/db.",
)
@click.pass_context
def init(ctx: click.Context, workspace: Path | None, store_url: str | None) -> None:
    """Create a workspace."""
    _private()
    from civicnb.api import init as init_ws
    from civicnb.workspace import STORE_URL_ENV, without_password

    ws = init_ws(_ws_arg(ctx, workspace), store_url=store_url)
    _echo(f"workspace ready: {ws.root}")
    if store_url and without_password(store_url)[1]:
        _echo(
            "the store's password was used but not written into workspace.json: give it "
            "to later commands in PGPASSWORD, a ~/.pgpass line (or PGSERVICE), or "
            f"{STORE_URL_ENV}=<the full URL>",
            err=True,
        )


@cli.command()
@click.option(
    "--reset",
    is_flag=True,
    help="Rebuild the demo locality, losing what was recorded in it since.",
)
@click.option(
    "--keep",
    is_flag=True,
    help="If the workspace has the demo locality already, keep it as it is (make run).",
)
@_lang_option(
    "es",
    "Language of the demo locality: es (Villaflor, Colombia) or pt (Vila Flor, Brazil).",
    also=("--language",),
)
@_workspace_option
@click.pass_context
def demo(ctx: click.Context, reset: bool, keep: bool, lang: str, workspace: Path | None) -> None:
    """Create a workspace with a demo locality and its answers.

    A demo locality that is there already is never replaced without --reset.
    """
    _private()
    from civicnb.api import create_demo
    from civicnb.workspace import resolve_path

    root = resolve_path(_ws_arg(ctx, workspace))
    loc = create_demo(root, reset=reset, keep=keep, language=lang)
    _echo(f"demo locality {loc.name!r} ({loc.slug}) ready in {root}")


@cli.command()
@_lang_option("es", "Language of the case.")
@click.option(
    "--variant",
    default=0,
    show_default=True,
    type=click.IntRange(0, 999),
    help="0: the canonical case; N: course group N's variant.",
)
@_workspace_option
@click.pass_context
def case(ctx: click.Context, lang: str, variant: int, workspace: Path | None) -> None:
    """Load the course's worked case (Las Acacias) into the workspace; print its slug."""
    _private()
    from civicnb.course.case import import_case

    loc = import_case(_ws_arg(ctx, workspace), lang=lang, variant=variant)
    _echo(loc.slug)


@cli.command()
@click.option(
    "--groups",
    required=True,
    type=click.IntRange(1, 60),
    help="Number of course groups: one pack each.",
)
@_lang_option("es", "Language of the course.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("civicnb-course"),
    show_default=True,
    help="Folder for the packs (must not hold packs already).",
)
def course(groups: int, lang: str, output: Path) -> None:
    """Make the capacity-building course: one pack of notebooks per group, the trainer's
    summary and guide, and printable handouts."""
    from civicnb.course.packs import make_packs

    packs = make_packs(groups, lang, output, progress=True)
    _echo(f"{len(packs.groups)} course packs in {packs.root}")
    _echo(f"trainer's summary: {packs.summary}")
    if packs.handouts is not None:
        _echo(f"handouts: {packs.handouts / 'index.html'}")


@cli.command("course-grader")
@_lang_option("es", "Language of the course.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("civicnb-nbgrader"),
    show_default=True,
    help="The nbgrader course folder (its source/ must not hold the modules already).",
)
@click.option(
    "--module",
    "modules",
    multiple=True,
    help="A course module to include (repeat it; default: all eight).",
)
@click.option(
    "--course-id", default="", help="nbgrader's course id (default: civicnb-course-LANG)."
)
def course_grader(lang: str, output: Path, modules: tuple[str, ...], course_id: str) -> None:
    """Make an nbgrader course of the course modules: exercises graded by `nbgrader
    autograde`, reflections by hand (docs/course.md)."""
    from civicnb.course.grading import write_grader_course

    made = write_grader_course(output, lang, modules=modules or None, course_id=course_id)
    _echo(f"nbgrader course in {made.root}: {len(made.assignments)} assignments")
    if not made.config_written:
        _echo(f"kept the existing {made.config} (see docs/course.md for the settings)", err=True)
    _echo(f"next: cd {made.root} && nbgrader generate_assignment {made.assignments[0]}")


@cli.command()
@click.argument("name")
@_lang_option("en", "Language of the locality's pages.", dest="language")
@click.option(
    "--edition",
    default=None,
    help="Framework edition: pamphlet (default), blog, or a custom framework of the workspace.",
)
@click.option(
    "--framework",
    "framework_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A custom framework file (YAML) to use.",
)
@click.option("--country", default="", help="Country of the locality.")
@click.option(
    "--organisation",
    "organisations",
    multiple=True,
    metavar="SIDE:NAME",
    help="An organisation taking part, on side la or cso (e.g. 'la:Planning department', "
    "'cso:Disabled People's Forum'); repeat for each.",
)
@click.option(
    "--group",
    "groups",
    multiple=True,
    metavar="NAME",
    help="A stakeholder group the first round expects (for who's not here); repeat for "
    "each (default: the usual groups, in the locality's language).",
)
@click.option(
    "--min-group",
    "min_group",
    type=int,
    default=5,
    show_default=True,
    metavar="K",
    help="Small-number threshold k (1-100): a group's answers are shown only if at "
    "least k people gave them.",
)
@_workspace_option
@click.pass_context
def new(
    ctx: click.Context,
    name: str,
    language: str,
    edition: str | None,
    framework_file: Path | None,
    country: str,
    organisations: tuple[str, ...],
    groups: tuple[str, ...],
    min_group: int,
    workspace: Path | None,
) -> None:
    """Create a locality NAME with its baseline round."""
    _private()
    from civicnb.execution.instantiate import prewarm_pages

    prewarm_pages()  # the pages' kernel starts while the locality is stored
    from civicnb.api import new_locality

    loc = new_locality(
        name,
        workspace=_ws_arg(ctx, workspace),
        language=language,
        edition=edition,
        framework_file=framework_file,
        country=country,
        organisations=_organisations(organisations),
        expected_groups=groups or None,
        min_group=min_group,
    )
    _echo(f"locality {loc.name!r} created as {loc.slug} (framework {loc.edition}, {loc.language})")


def _organisations(values: Sequence[str]) -> dict[str, list[str]]:
    """``--organisation la:NAME`` options, per side."""
    from civicnb.errors import UsageError

    out: dict[str, list[str]] = {}
    for value in values:
        side, sep, name = value.partition(":")
        if not sep or side.strip().lower() not in ("la", "cso"):
            raise UsageError(f"--organisation takes la:NAME or cso:NAME (got {printable(value)!r})")
        out.setdefault(side.strip().upper(), []).append(name)
    return out


@cli.command(name="round")
@click.argument("locality")
@click.argument("label")
@click.option(
    "--date",
    "round_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the round (YYYY-MM-DD).",
)
@_workspace_option
@click.pass_context
def round_(
    ctx: click.Context,
    locality: str,
    label: str,
    round_date: dt.datetime | None,
    workspace: Path | None,
) -> None:
    """Open the next round LABEL of LOCALITY; the rounds before it become read-only."""
    _private()
    from civicnb.api import open_round

    rnd = open_round(
        locality,
        label,
        workspace=_ws_arg(ctx, workspace),
        date=round_date.date() if round_date is not None else None,
    )
    when = f" dated {rnd.date.isoformat()}" if rnd.date else ""
    _echo(
        f"round {rnd.label!r}{when} opened for {locality}: the pages now answer it; "
        "the rounds before it are read-only"
    )


@cli.command(name="list")
@_workspace_option
@click.pass_context
def list_(ctx: click.Context, workspace: Path | None) -> None:
    """List the localities of the workspace."""
    from civicnb.api import list_localities

    infos = list_localities(_ws_arg(ctx, workspace))
    if not infos:
        _echo("no localities yet: `civicnb new NAME` creates one, `civicnb demo` a demo")
        return
    for info in infos:
        loc = info.locality
        rounds = ", ".join(r.label for r in info.rounds)
        missing = "" if info.pages else f"\tNO PAGES (not served): `civicnb repair {loc.slug}`"
        name = printable(loc.name, keep_layout=False)  # one field: no tab, no newline
        _echo(
            f"{loc.slug}\t{name}\t{loc.language}\t{loc.edition}\t"
            f"{info.participants} participants\t{info.ratings} ratings\t"
            f"rounds: {printable(rounds, keep_layout=False)}{missing}"
        )


@cli.command()
@click.argument("localities", nargs=-1)
@_workspace_option
@click.pass_context
def repair(ctx: click.Context, localities: tuple[str, ...], workspace: Path | None) -> None:
    """Write the missing pages of localities (all, or those named) that have none: after
    an import or `civicnb new` was interrupted. Nothing in the store changes."""
    _private()
    from civicnb.api import repair_localities

    done = repair_localities(list(localities) or None, workspace=_ws_arg(ctx, workspace))
    if not done:
        _echo("nothing to repair: every locality has its pages")
    for loc in done:
        _echo(f"wrote the pages of {loc.slug}")


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0: the whole room's network).",
)
@click.option("--port", default=8866, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
@click.option(
    "--participants",
    default=0,
    type=click.IntRange(0, 500),
    help="Participants expected at once: kernels are preheated for them.",
)
@click.option(
    "--public-url",
    default=None,
    metavar="URL",
    help="The address participants' devices reach this server at, for the join link "
    "and QR code (e.g. http://192.168.1.20:8866).",
)
@click.option(
    "--course",
    "course_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Serve the course packs in this folder (made by `civicnb course`) instead.",
)
@_lang_option(
    "en",
    "Language of the server's own pages (an unknown address); each locality's pages "
    "are in its own language.",
    dest="language",
)
@click.option(
    "--base-url",
    default="/",
    show_default=True,
    metavar="PATH",
    help="The path every address starts with, e.g. /civicnb/ behind a reverse proxy "
    "(`civicnb deploy nginx`).",
)
@_workspace_option
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    no_browser: bool,
    participants: int,
    public_url: str | None,
    course_dir: Path | None,
    language: str,
    base_url: str,
    workspace: Path | None,
) -> None:
    """Serve the workspace's localities to participants (Voilà), or a course's packs."""
    _private()
    from civicnb.serving.serve import plan, run
    from civicnb.workspace import open_workspace

    if course_dir is not None:
        from civicnb.course.serving import course_plan
        from civicnb.errors import UsageError

        if participants:
            raise UsageError("--participants preheats a workspace's pages: not with --course")
        if public_url:
            raise UsageError("--public-url is for a workspace's join link: not with --course")
        if base_url.strip() != "/":
            raise UsageError("--base-url serves a workspace behind a proxy: not with --course")
        the_plan = course_plan(course_dir, host=host, port=port)
    else:
        ws = open_workspace(_ws_arg(ctx, workspace))
        the_plan = plan(
            ws,
            host=host,
            port=port,
            participants=participants,
            public_url=public_url,
            language=language,
            base_url=base_url,
        )
    status = run(the_plan, open_browser=not no_browser, echo=_echo)
    ctx.exit(status)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8888, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
@click.option(
    "--course",
    "course_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Open the course packs in this folder (made by `civicnb course`) instead.",
)
@_workspace_option
@click.pass_context
def lab(
    ctx: click.Context,
    host: str,
    port: int,
    no_browser: bool,
    course_dir: Path | None,
    workspace: Path | None,
) -> None:
    """Open the workspace (or a course's packs) in JupyterLab, with civicnb's launcher
    entries (the `lab` extra)."""
    _private()
    from civicnb.serving.lab import run_lab
    from civicnb.workspace import Workspace, open_workspace

    target: Workspace | Path
    if course_dir is not None:
        from civicnb.course.serving import is_course_folder
        from civicnb.errors import UsageError

        if not is_course_folder(course_dir):
            raise UsageError(
                f"{course_dir} holds no course packs: make them with "
                f"`civicnb course --groups N -o {course_dir}`"
            )
        target = course_dir
    else:
        target = open_workspace(_ws_arg(ctx, workspace))
    ctx.exit(run_lab(target, port=port, host=host, open_browser=not no_browser, echo=_echo))


@cli.command()
@click.argument("locality")
@click.option("--round", "round_label", default=None, help="Round label (default: the latest).")
@_lang_option(None, "Language (default: the locality's).")
@_workspace_option
@click.pass_context
def summary(
    ctx: click.Context,
    locality: str,
    round_label: str | None,
    lang: str | None,
    workspace: Path | None,
) -> None:
    """Print a text summary of a locality: participation and the pairs to discuss."""
    from civicnb.reports.summary import locality_summary

    text = locality_summary(
        locality, workspace=_ws_arg(ctx, workspace), round_label=round_label, lang=lang
    )
    _echo(text)


@cli.command()
@click.argument("locality")
@click.argument("participant")
@click.option("--dry-run", is_flag=True, help="Only say who would be erased and what.")
@_workspace_option
@click.pass_context
def forget(
    ctx: click.Context, locality: str, participant: str, dry_run: bool, workspace: Path | None
) -> None:
    """Erase a participant everywhere: answers, notes, sessions, reveals.

    PARTICIPANT is their id or their name (if several people share the name, give the
    id). Future reports and exports no longer hold them; reports made before are listed
    so they can be remade (`civicnb report`). Exported files (JSON, XLSX, CSV) made
    before are not touched: delete or remake them too.
    """
    from civicnb.workshop.erasure import forget as forget_participant

    person, done, reports = forget_participant(
        locality, participant, workspace=_ws_arg(ctx, workspace), dry_run=dry_run
    )
    who = f"{person.name!r} ({person.side.value}, id {person.id})"
    if done is None:
        _echo(f"would erase {who}; nothing was changed (--dry-run)")
    else:
        _echo(
            f"erased {who}: {done.answers} answers, {done.sessions} sessions ended, "
            f"{done.reveals} reveals recomputed without them"
        )
    if reports:
        _echo("reports made before this still hold their answers; remake them:")
        for path in reports:
            _echo(f"  {path}")
    else:
        _echo("no report of this locality was made before")


@cli.command()
@click.argument("locality")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: LOCALITY.FORMAT here).",
)
@click.option(
    "--full",
    is_flag=True,
    help="CSV: every participant's answers and notes (for the facilitator, not for sharing).",
)
@_lang_option("en", "CSV/XLSX: language of the headers, sheet names and yes/no.")
@_workspace_option
@click.pass_context
def export(
    ctx: click.Context,
    locality: str,
    fmt: str,
    output: Path | None,
    full: bool,
    lang: str,
    workspace: Path | None,
) -> None:
    """Export a locality's workbook as JSON, CSV or XLSX.

    JSON and XLSX are full backups: they hold every participant's answers and notes.
    CSV is meant for sharing: averages per question and side, small groups hidden
    (the small-number rule), no row per person; --full gives the per-participant table.
    """
    from civicnb.api import export_locality

    _private()
    path = export_locality(
        locality, workspace=_ws_arg(ctx, workspace), fmt=fmt, out=output, full=full, lang=lang
    )
    _echo(f"wrote {path}")


_paper_option = click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default=None,
    help="Paper of the PDF and of the HTML's print (default: the locality's country's).",
)


@cli.command()
@click.argument("locality")
@click.option("--round", "round_label", default="", help="Round label (default: the latest).")
@click.option(
    "--compare-to",
    default="",
    help='Round to compare with (default: the round before; "none": no comparison).',
)
@_lang_option(None, "Language (default: the locality's).")
@click.option("--no-html", is_flag=True, help="Only the notebook.")
@click.option(
    "--pdf/--no-pdf", default=None, help="Print a PDF with Chromium (default: if it is installed)."
)
@_paper_option
@_workspace_option
@click.pass_context
def report(
    ctx: click.Context,
    locality: str,
    round_label: str,
    compare_to: str,
    lang: str | None,
    no_html: bool,
    pdf: bool | None,
    paper: str | None,
    workspace: Path | None,
) -> None:
    """Make a locality's report: notebook (papermill), HTML and PDF."""
    _private()
    from civicnb.reports.report import run_report
    from civicnb.workspace import open_workspace

    ws = open_workspace(_ws_arg(ctx, workspace))
    files = run_report(
        ws,
        locality,
        round=round_label,
        compare_to=compare_to,
        lang=lang or "",
        html=not no_html,
        pdf=pdf,
        paper=paper or "",
    )
    for path in (files.notebook, files.html, files.pdf):
        if path is not None:
            _echo(f"wrote {path}")
    for note in files.notes:  # the people's writing: kept, or an unreadable copy
        _echo(note)


@cli.command()
@click.argument("localities", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every locality of the workspace.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--no-html", is_flag=True, help="Only the notebooks.")
@click.option(
    "--scheduler", default=None, help="Address of a Dask scheduler (tcp://host:8786) to run on."
)
@_lang_option(None, "Language (default: the locality's).")
@click.option("--pdf", is_flag=True, help="Print each report's PDF with Chromium too.")
@_paper_option
@_workspace_option
@click.pass_context
def batch(
    ctx: click.Context,
    localities: tuple[str, ...],
    all_: bool,
    workers: int,
    no_html: bool,
    scheduler: str | None,
    lang: str | None,
    pdf: bool,
    paper: str | None,
    workspace: Path | None,
) -> None:
    """Make the reports of many localities at once, on warm kernels."""
    _private()
    from civicnb.errors import UsageError
    from civicnb.reports.batch import batch_reports
    from civicnb.workspace import open_workspace

    if all_ == bool(localities):
        raise UsageError("name the localities, or give --all (not both)")
    ws = open_workspace(_ws_arg(ctx, workspace))
    result = batch_reports(
        ws,
        None if all_ else list(localities),
        workers=workers,
        html=not no_html,
        scheduler=scheduler,
        lang=lang or "",
        progress=True,
        pdf=pdf,
        paper=paper or "",
    )
    _echo(f"{len(result.done)} reports written in {ws.root / 'reports'}")
    if result.failed:
        for key, reason in result.failed:
            _echo(f"civicnb: {key}: {reason}", err=True)
        ctx.exit(1)


@cli.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Replace a locality of the same name.")
@_workspace_option
@click.pass_context
def import_(ctx: click.Context, file: Path, replace: bool, workspace: Path | None) -> None:
    """Import a workbook (JSON, or a report notebook made by civicnb) into the workspace.

    A .csv or .xlsx file is answers collected away from the pages (docs/collect.md): a
    KoBoToolbox or ODK Central export of the form of `civicnb xlsform`, or the template
    of `civicnb import-template` filled in; they go into their locality's current round.
    """
    _private()
    from civicnb.exchange.submissions import SUBMISSION_SUFFIXES

    if file.suffix.lower() in SUBMISSION_SUFFIXES:
        _import_collected(ctx, file, replace, workspace)
        return
    from civicnb.api import import_workbook

    loc = import_workbook(file, workspace=_ws_arg(ctx, workspace), replace=replace)
    _echo(f"imported {loc.name!r} as {loc.slug}")


@cli.group(cls=_Group)
def key() -> None:
    """Co-facilitators' keys: each facilitator of a locality can have a key of their own.

    What they record on the facilitator page shows their name. The workspace's own key
    (`civicnb serve` prints it) keeps working for every locality.
    """


@key.command(name="add")
@click.argument("locality")
@click.argument("name")
@_workspace_option
@click.pass_context
def key_add(ctx: click.Context, locality: str, name: str, workspace: Path | None) -> None:
    """Give LOCALITY a facilitator called NAME; print their key, ONCE (it is not kept)."""
    from civicnb.api import add_facilitator_key

    new = add_facilitator_key(locality, name, workspace=_ws_arg(ctx, workspace))
    _echo(f"added {new.facilitator.name!r} as a facilitator of {locality}")
    _echo(f"key (shown only now, give it to them): {new.key}")
    _echo(f"their page: {new.address}  (after the server's address, e.g. .../voila/render/)")


@key.command(name="list")
@click.argument("locality")
@_workspace_option
@click.pass_context
def key_list(ctx: click.Context, locality: str, workspace: Path | None) -> None:
    """List LOCALITY's facilitators: name, since, active or revoked (never a key)."""
    from civicnb.api import facilitator_keys

    found = facilitator_keys(locality, workspace=_ws_arg(ctx, workspace))
    if not found:
        _echo(f"{locality} has no facilitator with a key of their own yet")
    for f in found:
        state = "active" if f.revoked_at is None else f"revoked {f.revoked_at:%Y-%m-%d}"
        name = printable(f.name, keep_layout=False)
        _echo(f"{name}\tsince {f.created_at:%Y-%m-%d}\t{state}")


@key.command(name="revoke")
@click.argument("locality")
@click.argument("name")
@_workspace_option
@click.pass_context
def key_revoke(ctx: click.Context, locality: str, name: str, workspace: Path | None) -> None:
    """Revoke the key of LOCALITY's facilitator NAME: their pages save nothing more."""
    from civicnb.api import revoke_facilitator_key

    f = revoke_facilitator_key(locality, name, workspace=_ws_arg(ctx, workspace))
    _echo(f"revoked the key of {f.name!r} ({locality}): it opens nothing any more")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """Check a framework (YAML) or workbook (JSON) file."""
    from civicnb.api import validate_file

    _echo(validate_file(file))


def _import_collected(ctx: click.Context, file: Path, replace: bool, ws: Path | None) -> None:
    from civicnb.api import import_submissions
    from civicnb.errors import UsageError

    if replace:
        raise UsageError("--replace is for workbooks; collected answers are only ever added")
    done = import_submissions(file, workspace=_ws_arg(ctx, ws))
    _echo(
        f"imported {done.imported} participants ({done.ratings} answers) into "
        f"{done.locality.slug}, round {done.round.label!r}"
        + (f"; {done.skipped} already imported before, left as they were" if done.skipped else "")
    )


@cli.command()
@click.argument("locality")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="The XLSX file to write (default: ./civicnb_<locality>_r<round>.xlsx).",
)
@_workspace_option
@click.pass_context
def xlsform(ctx: click.Context, locality: str, output: Path | None, workspace: Path | None) -> None:
    """Write LOCALITY's questionnaire as an XLSForm, for offline collection with
    KoBoToolbox or ODK (labels in every language; docs/collect.md). Its exported
    submissions go back in with `civicnb import`."""
    from civicnb.api import write_xlsform

    _echo(f"wrote {write_xlsform(locality, workspace=_ws_arg(ctx, workspace), out=output)}")


@cli.command(name="import-template")
@click.argument("locality")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="The XLSX file to write (default: ./<locality>-paper-answers.xlsx).",
)
@_lang_option(None, "Language of the headers, lists and help (default: the locality's).")
@_workspace_option
@click.pass_context
def import_template(
    ctx: click.Context, locality: str, output: Path | None, lang: str | None, workspace: Path | None
) -> None:
    """Write an XLSX template to type in LOCALITY's paper answers (one row per
    participant, the booklet's order); `civicnb import` reads it back filled in."""
    _private()
    from civicnb.api import write_import_template

    path = write_import_template(locality, workspace=_ws_arg(ctx, workspace), out=output, lang=lang)
    _echo(f"wrote {path}")


@cli.command(name="print")
@click.argument("locality")
@_lang_option(None, "Language (default: the locality's).")
@click.option("--large-print", is_flag=True, help="Body text at 18 pt, one column.")
@click.option("--checklist", is_flag=True, help="The fifteen pairs on one page instead.")
@click.option(
    "--easy-read", is_flag=True, help="The booklet in easy read, with pictures (docs/paper.md)."
)
@click.option(
    "--paper",
    type=click.Choice(["A4", "Letter"], case_sensitive=False),
    default="A4",
    show_default=True,
    help="Paper size.",
)
@click.option("--round", "round_label", default=None, help="Round label (default: the latest).")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="PDF to write."
)
@_workspace_option
@click.pass_context
def print_(
    ctx: click.Context,
    locality: str,
    lang: str | None,
    large_print: bool,
    checklist: bool,
    easy_read: bool,
    paper: str,
    round_label: str | None,
    output: Path,
    workspace: Path | None,
) -> None:
    """Print a booklet to answer on paper (or the one-page checklist) as a PDF."""
    from civicnb.reports.printing import print_paper

    size = "Letter" if paper.lower() == "letter" else "A4"
    path = print_paper(
        locality,
        output,
        workspace=_ws_arg(ctx, workspace),
        lang=lang,
        large_print=large_print,
        checklist=checklist,
        paper=size,
        round_label=round_label,
        easy_read=easy_read,
    )
    _echo(f"wrote {path}")


@cli.command()
@click.argument("dest", type=click.Path(path_type=Path))
@_workspace_option
@click.pass_context
def backup(ctx: click.Context, dest: Path, workspace: Path | None) -> None:
    """Copy the workspace's SQLite store into the new file DEST, safely while it is
    being served (SQLite's online backup). A PostgreSQL store: use pg_dump (docs/deploy.md)."""
    _private()
    from civicnb.errors import UsageError
    from civicnb.store.backup import backup_sqlite, sqlite_path
    from civicnb.workspace import open_workspace, without_password

    ws = open_workspace(_ws_arg(ctx, workspace))
    source = sqlite_path(ws.store_url)
    if source is None:
        raise UsageError(
            f"the store of {ws.root} is {without_password(ws.store_url)[0]}: back it up with "
            "`pg_dump --format=custom --file FILE DATABASE` (docs/deploy.md)"
        )
    _echo(f"wrote {backup_sqlite(source, dest)}")


@cli.group(cls=_Group)
def deploy() -> None:
    """Configuration for serving civicnb past one laptop (docs/deploy.md)."""


@deploy.command(name="nginx")
@click.option(
    "--prefix",
    default="/civicnb/",
    show_default=True,
    help="The path civicnb is served under (each server runs `civicnb serve --base-url PREFIX`).",
)
@click.option(
    "--upstream",
    "upstreams",
    multiple=True,
    required=True,
    metavar="HOST:PORT",
    help="A `civicnb serve` (repeat for each server).",
)
@click.option("--server-name", default="_", show_default=True, help="The site's host name.")
@click.option("--listen", default=None, help="[ADDRESS:]PORT (default 443 with TLS, else 80).")
@click.option("--tls-certificate", default=None, metavar="FILE", help="PEM certificate (chain).")
@click.option("--tls-key", default=None, metavar="FILE", help="PEM private key.")
def deploy_nginx(
    prefix: str,
    upstreams: tuple[str, ...],
    server_name: str,
    listen: str | None,
    tls_certificate: str | None,
    tls_key: str | None,
) -> None:
    """Print an nginx site that serves civicnb under PREFIX from several servers, each
    browser kept on one of them (e.g. into /etc/nginx/sites-available/civicnb)."""
    from civicnb.serving.deploy import nginx_config

    click.echo(
        nginx_config(
            prefix,
            list(upstreams),
            server_name=server_name,
            listen=listen,
            tls_certificate=tls_certificate,
            tls_key=tls_key,
        ),
        nl=False,
    )


@cli.command(name="network-report")
@click.argument("localities", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every locality of the workspace.")
@_lang_option("en", "Language of the report.")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the report (default: W/reports/network).",
)
@click.option(
    "--position",
    "positions",
    multiple=True,
    help="A locality that asked for its position against the network (repeatable).",
)
@click.option(
    "--min-localities",
    default=5,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="The fewest localities a network figure is built from.",
)
@click.option("--no-html", is_flag=True, help="Only the notebook.")
@click.option(
    "--pdf/--no-pdf", default=None, help="Print a PDF with Chromium (default: if it is installed)."
)
@_workspace_option
@click.pass_context
def network_report(
    ctx: click.Context,
    localities: tuple[str, ...],
    all_: bool,
    lang: str,
    output: Path | None,
    positions: tuple[str, ...],
    min_localities: int,
    no_html: bool,
    pdf: bool | None,
    workspace: Path | None,
) -> None:
    """Make a network's report across its localities: notebook, HTML and PDF."""
    _private()
    from civicnb.errors import UsageError
    from civicnb.i18n import t
    from civicnb.reports.network_report import run_network_report
    from civicnb.workspace import open_workspace

    if all_ == bool(localities):
        raise UsageError("name the localities, or give --all (not both)")
    ws = open_workspace(_ws_arg(ctx, workspace))
    files = run_network_report(
        ws,
        None if all_ else list(localities),
        lang=lang,
        out_dir=output,
        positions=positions,
        min_localities=min_localities,
        html=not no_html,
        pdf=pdf,
    )
    for path in (files.notebook, files.html, files.pdf):
        if path is not None:
            _echo(f"wrote {path}")
    for code, slug in files.codes:
        _echo(t("net_code_line", lang, code=code, slug=slug))


@cli.command(name="network-consent")
@click.argument("locality")
@click.option(
    "--named/--anonymous",
    required=True,
    help="May the network report name this locality (default for every locality: anonymous)?",
)
@_lang_option("en", "Language of the message.")
@_workspace_option
@click.pass_context
def network_consent(
    ctx: click.Context, locality: str, named: bool, lang: str, workspace: Path | None
) -> None:
    """Record a locality's consent to be named in the network report (or withdraw it)."""
    _private()
    from civicnb.i18n import t
    from civicnb.workspace import open_workspace

    ws = open_workspace(_ws_arg(ctx, workspace))
    with ws.open_store() as store:
        slug = store.set_network_consent(locality, named)
    _echo(t("net_consent_named" if named else "net_consent_anonymous", lang, slug=slug))


def _check_arguments(args: Sequence[str]) -> None:
    """Arguments that are not text (bytes that were not UTF-8 reach Python as lone
    surrogates) are refused in one line instead of failing later, half-way."""
    from civicnb.text import invalid_char

    for i, arg in enumerate(args, start=1):
        if invalid_char(arg) is not None:
            try:  # the bytes as typed: b'Caf\xe9' -> 'Caf\\xe9'
                raw = arg.encode("utf-8", "surrogateescape")
                shown = raw.decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:
                shown = ascii(arg)[1:-1]
            raise CivicnbError(
                f"argument {i} ('{shown}') is not valid UTF-8 text: type it again, or "
                "rename the file it names with UTF-8 characters (or ASCII)"
            )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns (and exits with) the status."""
    args = list(sys.argv[1:] if argv is None else argv)
    status = 0
    old_umask = os.umask(0o077)  # commands that write personal data call _private()
    os.umask(old_umask)
    try:
        _check_arguments(args)
        result: Any = cli.main(args=args, prog_name="civicnb", standalone_mode=False)
        status = result if isinstance(result, int) else 0
    except CivicnbError as exc:
        _echo(f"civicnb: {exc}", err=True)
        status = exc.exit_code
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx is not None else "civicnb"
        _echo(f"civicnb: {_one_line(exc.format_message())} (see `{cmd} --help`)", err=True)
        status = 2
    except click.ClickException as exc:
        _echo(f"civicnb: {_one_line(exc.format_message())}", err=True)
        status = 1
    except click.exceptions.Abort:
        _echo("civicnb: aborted", err=True)
        status = 1
    except KeyboardInterrupt:
        _echo("civicnb: interrupted", err=True)
        status = 130
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        _echo(f"civicnb: {exc.strerror or exc}{where}", err=True)
        status = 1
    except Exception as exc:  # never a traceback for the person at the keyboard
        if os.environ.get("CIVICNB_DEBUG"):
            raise
        _echo(
            f"civicnb: unexpected error ({type(exc).__name__}: {_one_line(str(exc))[:300]}); "
            "please report it (CIVICNB_DEBUG=1 shows the details)",
            err=True,
        )
        status = 1
    finally:
        os.umask(old_umask)
    if argv is None:
        sys.exit(status)
    return status


if __name__ == "__main__":  # pragma: no cover
    main()
