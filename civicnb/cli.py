"""The ``civicnb`` command: a thin layer of click over :mod:`civicnb.api`.

Errors are one line on stderr and a non-zero exit status: 1 for bad input, 2 for bad
usage; never a traceback (set CIVICNB_DEBUG=1 to see one for an unexpected error).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from civicnb import __version__
from civicnb.errors import CivicnbError

__all__ = ["cli", "main"]

_workspace_option = click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Workspace folder (default: $CIVICNB_HOME, else ./civicnb-workspace).",
)


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
    from civicnb.api import init as init_ws

    ws = init_ws(_ws_arg(ctx, workspace), store_url=store_url)
    click.echo(f"workspace ready: {ws.root}")


@cli.command()
@_workspace_option
@click.pass_context
def demo(ctx: click.Context, workspace: Path | None) -> None:
    """Create a workspace with a demo locality and its answers."""
    from civicnb.api import create_demo
    from civicnb.workspace import resolve_path

    root = resolve_path(_ws_arg(ctx, workspace))
    loc = create_demo(root)
    click.echo(f"demo locality {loc.name!r} ({loc.slug}) ready in {root}")


@cli.command()
@click.option(
    "--lang",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="Language of the case.",
)
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
    from civicnb.course.case import import_case

    loc = import_case(_ws_arg(ctx, workspace), lang=lang, variant=variant)
    click.echo(loc.slug)


@cli.command()
@click.option(
    "--groups",
    required=True,
    type=click.IntRange(1, 60),
    help="Number of course groups: one pack each.",
)
@click.option(
    "--lang",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="Language of the course.",
)
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
    click.echo(f"{len(packs.groups)} course packs in {packs.root}")
    click.echo(f"trainer's summary: {packs.summary}")
    if packs.handouts is not None:
        click.echo(f"handouts: {packs.handouts / 'index.html'}")


@cli.command()
@click.argument("name")
@click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "es"]),
    default="en",
    show_default=True,
    help="Language of the locality's pages.",
)
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
@_workspace_option
@click.pass_context
def new(
    ctx: click.Context,
    name: str,
    language: str,
    edition: str | None,
    framework_file: Path | None,
    country: str,
    workspace: Path | None,
) -> None:
    """Create a locality NAME with its baseline round."""
    from civicnb.api import new_locality

    loc = new_locality(
        name,
        workspace=_ws_arg(ctx, workspace),
        language=language,
        edition=edition,
        framework_file=framework_file,
        country=country,
    )
    click.echo(
        f"locality {loc.name!r} created as {loc.slug} (framework {loc.edition}, {loc.language})"
    )


@cli.command(name="list")
@_workspace_option
@click.pass_context
def list_(ctx: click.Context, workspace: Path | None) -> None:
    """List the localities of the workspace."""
    from civicnb.api import list_localities

    infos = list_localities(_ws_arg(ctx, workspace))
    if not infos:
        click.echo("no localities yet: `civicnb new NAME` creates one, `civicnb demo` a demo")
        return
    for info in infos:
        loc = info.locality
        rounds = ", ".join(r.label for r in info.rounds)
        click.echo(
            f"{loc.slug}\t{loc.name}\t{loc.language}\t{loc.edition}\t"
            f"{info.participants} participants\t{info.ratings} ratings\trounds: {rounds}"
        )


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
    "--course",
    "course_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Serve the course packs in this folder (made by `civicnb course`) instead.",
)
@_workspace_option
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    no_browser: bool,
    participants: int,
    course_dir: Path | None,
    workspace: Path | None,
) -> None:
    """Serve the workspace's localities to participants (Voilà), or a course's packs."""
    from civicnb.serve import plan, run
    from civicnb.workspace import open_workspace

    if course_dir is not None:
        from civicnb.course.serving import course_plan
        from civicnb.errors import UsageError

        if participants:
            raise UsageError("--participants preheats a workspace's pages: not with --course")
        the_plan = course_plan(course_dir, host=host, port=port)
    else:
        ws = open_workspace(_ws_arg(ctx, workspace))
        the_plan = plan(ws, host=host, port=port, participants=participants)
    status = run(the_plan, open_browser=not no_browser, echo=click.echo)
    ctx.exit(status)


@cli.command()
@click.argument("locality")
@click.option("--round", "round_label", default=None, help="Round label (default: the latest).")
@_workspace_option
@click.pass_context
def summary(
    ctx: click.Context, locality: str, round_label: str | None, workspace: Path | None
) -> None:
    """Print a text summary of a locality: participation and the pairs to discuss."""
    from civicnb.summary import locality_summary

    click.echo(
        locality_summary(locality, workspace=_ws_arg(ctx, workspace), round_label=round_label)
    )


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
@_workspace_option
@click.pass_context
def export(
    ctx: click.Context, locality: str, fmt: str, output: Path | None, workspace: Path | None
) -> None:
    """Export a locality's workbook as JSON, CSV or XLSX."""
    from civicnb.api import export_locality

    path = export_locality(locality, workspace=_ws_arg(ctx, workspace), fmt=fmt, out=output)
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("locality")
@click.option("--round", "round_label", default="", help="Round label (default: the latest).")
@click.option(
    "--compare-to",
    default="",
    help='Round to compare with (default: the round before; "none": no comparison).',
)
@click.option("--lang", type=click.Choice(["en", "es"]), default=None, help="Language.")
@click.option("--no-html", is_flag=True, help="Only the notebook.")
@click.option(
    "--pdf/--no-pdf", default=None, help="Print a PDF with Chromium (default: if it is installed)."
)
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
    workspace: Path | None,
) -> None:
    """Make a locality's report: notebook (papermill), HTML and PDF."""
    from civicnb.report import run_report
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
    )
    for path in (files.notebook, files.html, files.pdf):
        if path is not None:
            click.echo(f"wrote {path}")


@cli.command()
@click.argument("localities", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every locality of the workspace.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--no-html", is_flag=True, help="Only the notebooks.")
@click.option(
    "--scheduler", default=None, help="Address of a Dask scheduler (tcp://host:8786) to run on."
)
@click.option("--lang", type=click.Choice(["en", "es"]), default=None, help="Language.")
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
    workspace: Path | None,
) -> None:
    """Make the reports of many localities at once, on warm kernels."""
    from civicnb.errors import UsageError
    from civicnb.report_batch import batch_reports
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
    )
    click.echo(f"{len(result.done)} reports written in {ws.root / 'reports'}")
    if result.failed:
        for key, reason in result.failed:
            click.echo(f"civicnb: {key}: {reason}", err=True)
        ctx.exit(1)


@cli.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Replace a locality of the same name.")
@_workspace_option
@click.pass_context
def import_(ctx: click.Context, file: Path, replace: bool, workspace: Path | None) -> None:
    """Import a workbook (JSON, or a report notebook made by civicnb) into the workspace."""
    from civicnb.api import import_workbook

    loc = import_workbook(file, workspace=_ws_arg(ctx, workspace), replace=replace)
    click.echo(f"imported {loc.name!r} as {loc.slug}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """Check a framework (YAML) or workbook (JSON) file."""
    from civicnb.api import validate_file

    click.echo(validate_file(file))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns (and exits with) the status."""
    args = list(sys.argv[1:] if argv is None else argv)
    status = 0
    try:
        result: Any = cli.main(args=args, prog_name="civicnb", standalone_mode=False)
        status = result if isinstance(result, int) else 0
    except CivicnbError as exc:
        click.echo(f"civicnb: {exc}", err=True)
        status = exc.exit_code
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx is not None else "civicnb"
        click.echo(f"civicnb: {_one_line(exc.format_message())} (see `{cmd} --help`)", err=True)
        status = 2
    except click.ClickException as exc:
        click.echo(f"civicnb: {_one_line(exc.format_message())}", err=True)
        status = 1
    except click.exceptions.Abort:
        click.echo("civicnb: aborted", err=True)
        status = 1
    except KeyboardInterrupt:
        click.echo("civicnb: interrupted", err=True)
        status = 130
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"civicnb: {exc.strerror or exc}{where}", err=True)
        status = 1
    except Exception as exc:  # never a traceback for the person at the keyboard
        if os.environ.get("CIVICNB_DEBUG"):
            raise
        click.echo(
            f"civicnb: unexpected error ({type(exc).__name__}: {_one_line(str(exc))[:300]}); "
            "please report it (CIVICNB_DEBUG=1 shows the details)",
            err=True,
        )
        status = 1
    if argv is None:
        sys.exit(status)
    return status


if __name__ == "__main__":  # pragma: no cover
    main()
