"""The command line: parse arguments, call the pipeline, print, set the exit status.

Exit status: 0 nothing at or above ``--fail-on``, 1 findings, 2 usage or input error.
Heavy modules are imported inside the commands so that start-up stays fast: pre-commit runs
this on every commit.
"""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from policylint._fastcli import Command as _Command
from policylint._fastcli import Group as _Group

app = typer.Typer(
    name="policylint",
    cls=_Group,
    help="Check a product's data inventory against its privacy policy.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

OUTPUT_FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "gitlab", "html")


def _fail(message: str) -> "typer.Exit":
    typer.echo(f"policylint: error: {message}", err=True)
    return typer.Exit(2)


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False)


def _outputs(format: str, outputs: list[str]) -> list[tuple[str, str | None]]:
    """``-o sarif=out.sarif -o text`` -> [("sarif", "out.sarif"), ("text", None)].

    ``-o FILE`` alone writes ``--format`` to FILE; no ``-o`` writes ``--format`` to stdout.
    """
    if format not in OUTPUT_FORMATS:
        raise _fail(f"unknown format `{format}`; choose one of: {', '.join(OUTPUT_FORMATS)}")
    if not outputs:
        return [(format, None)]
    targets = []
    for spec in outputs:
        name, sep, path = spec.partition("=")
        if sep:
            if name not in OUTPUT_FORMATS:
                raise _fail(f"unknown format `{name}` in `-o {spec}`; choose one of: {', '.join(OUTPUT_FORMATS)}")
            if not path:
                raise _fail(f"`-o {spec}` names no file")
            targets.append((name, path))
        elif spec in OUTPUT_FORMATS:
            targets.append((spec, None))
        else:
            targets.append((format, spec))
    if sum(1 for _, path in targets if path is None) > 1:
        raise _fail("only one output can go to standard output; give the others a file (-o FORMAT=FILE)")
    return targets


def _options(config, no_config, policy, inventory, **overrides):
    """Configuration file first, then the command line on top."""
    from policylint import config as config_module
    from policylint.config import display_path
    from policylint.errors import UsageError
    from policylint.findings import FAIL_ON

    try:
        options = config_module.resolve(config, no_config)
    except UsageError as exc:
        raise _fail(str(exc)) from None
    if policy:
        options.policy = [display_path(p) for p in policy]
    if inventory:
        options.inventory = [display_path(p) for p in inventory]
    for key, value in overrides.items():
        if value is not None and value != []:
            setattr(options, key, value)
    if options.fail_on not in FAIL_ON:
        raise _fail(f"--fail-on must be one of: {', '.join(FAIL_ON)}")
    return options


@app.command(cls=_Command)
def check(
    inventory: List[str] = typer.Argument(None, help="Inventory YAML files (default: `inventory` globs from the configuration)."),
    policy: List[str] = typer.Option([], "--policy", "-p", help="Policy document (Markdown, text) or manifest (YAML/JSON); repeatable."),
    format: str = typer.Option("text", "--format", "-f", help="text | json | sarif | junit | github | markdown | gitlab | html."),
    output: List[str] = typer.Option([], "--output", "-o", help="FORMAT=FILE, FORMAT (to stdout) or FILE (with --format); repeatable."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit status 1: error | warning | info | never."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings (input errors still exit 2)."),
    select: List[str] = typer.Option([], "--select", help="Only rules whose code starts with this (PL4 = cookie rules); repeatable."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip rules whose code starts with this; repeatable."),
    minor_age: Optional[int] = typer.Option(None, "--minor-age", help="Age used where the policy says 'minors' without one (default 18)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    config: Optional[str] = typer.Option(None, "--config", help="Configuration file (default: found from the working directory upwards)."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
    show_config: bool = typer.Option(False, "--show-config", help="Print the configuration in force and exit."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="List suppressed findings too."),
    statistics: bool = typer.Option(False, "--statistics", help="Count findings per rule."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the summary line."),
) -> None:
    """Check inventories against the policy and report every disagreement."""
    targets = _outputs(format, list(output))
    options = _options(
        config, no_config, policy, inventory,
        fail_on=fail_on, select=list(select), ignore=list(ignore), minor_age=minor_age, baseline=baseline,
    )
    if show_config:
        _print_config(options)
        raise typer.Exit(0)
    if not options.inventory:
        raise _fail("no inventory files: name them, or set `inventory` in [tool.policylint]")
    result = _run(options)
    _write_outputs(result, targets, show_suppressed=show_suppressed, statistics=statistics, quiet=quiet)
    raise typer.Exit(0 if exit_zero else result.exit_code(options.fail_on))


# Above this many inventory files, a terminal shows progress while they are read.
PROGRESS_THRESHOLD = 20


def _run(options):
    from policylint import engine
    from policylint.errors import InputError, UsageError

    try:
        if len(options.inventory) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
            return engine.run(options)
        from rich.progress import Progress

        with Progress(console=_console(stderr=True), transient=True) as progress:
            task = progress.add_task("reading inventories", total=len(options.inventory))
            return engine.run(options, on_file=lambda path: progress.advance(task))
    except (InputError, UsageError) as exc:
        raise _fail(str(exc)) from None


def _write_outputs(result, targets, **text_options) -> None:
    import os

    for name, path in targets:
        if name == "text" and path is None:
            from policylint.report import text

            text.render_to(result, _console(), **text_options)
            continue
        from policylint import report

        rendered = report.render(name, result, **(text_options if name == "text" else {}))
        if path is None:
            sys.stdout.write(rendered)
        else:
            try:
                with open(path, "w", encoding="utf-8", newline="") as handle:
                    handle.write(rendered)
            except OSError as exc:
                raise _fail(f"{path}: cannot write: {exc.strerror or exc}") from None
        if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            from policylint.report import github

            github.write_step_summary(result, os.environ["GITHUB_STEP_SUMMARY"])


def _print_config(options) -> None:
    import json
    from dataclasses import asdict

    shown = asdict(options)
    sys.stdout.write(json.dumps(shown, indent=2, ensure_ascii=False) + "\n")


@app.command(cls=_Command)
def baseline(
    inventory: List[str] = typer.Argument(None, help="Inventory YAML files (default: from the configuration)."),
    policy: List[str] = typer.Option([], "--policy", "-p", help="Policy document or manifest; repeatable."),
    output: str = typer.Option(".policylint-baseline.json", "--output", "-o", help="Where to write the baseline."),
    config: Optional[str] = typer.Option(None, "--config", help="Configuration file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """Record today's findings so that `check --baseline` reports only new ones."""
    from policylint.suppress import write_baseline

    options = _options(config, no_config, policy, inventory)
    options.baseline = None
    if not options.inventory:
        raise _fail("no inventory files: name them, or set `inventory` in [tool.policylint]")
    result = _run(options)
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(write_baseline(result.findings))
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"policylint: recorded {len(result.findings)} finding(s) in {output}", err=True)


@app.command(cls=_Command)
def init(
    policy: Optional[str] = typer.Option(None, "--policy", "-p", help="The privacy policy to derive the starter inventory from."),
) -> None:
    """Write a configuration and a starter inventory derived from the policy (never overwrites)."""
    from pathlib import Path

    from policylint import scaffold
    from policylint.config import display_path

    declarations = None
    if policy:
        from policylint.errors import InputError
        from policylint.policy import read_policy

        try:
            declarations = read_policy([policy])
        except InputError as exc:
            raise _fail(str(exc)) from None
        policy = display_path(policy)
    planned, skipped = scaffold.plan(Path.cwd(), policy, declarations)
    try:
        scaffold.write(planned)
    except OSError as exc:
        raise _fail(f"cannot write: {exc}") from None
    for item in planned:
        typer.echo(f"{'updated' if item.append else 'wrote'} {display_path(item.path)}")
    for reason in skipped:
        typer.echo(f"skipped: {reason}")
    if planned:
        typer.echo("next: confirm the inventory entries, then run `policylint check`")


@app.command(cls=_Command)
def extract(
    policy: List[str] = typer.Argument(None, help="Policy documents (privacy policy, cookie notice); default: `policy` from the configuration."),
    format: str = typer.Option("text", "--format", "-f", help="text | json | yaml (a policy manifest)."),
    config: Optional[str] = typer.Option(None, "--config", help="Configuration file (variables and declaration corrections)."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """Show what the policy declares, each declaration with its line and section."""
    from policylint.errors import InputError
    from policylint.policy import read_policy

    if format not in ("text", "json", "yaml"):
        raise _fail(f"unknown format `{format}`; choose one of: text, json, yaml")
    options = _options(config, no_config, policy, None)
    if not options.policy:
        raise _fail("no policy documents: name them, or set `policy` in [tool.policylint]")
    try:
        declarations = read_policy(options.policy, options.variables or None)
    except InputError as exc:
        raise _fail(str(exc)) from None
    if options.declarations:
        from policylint.policy.overrides import apply_overrides

        try:
            declarations = apply_overrides(declarations, options.declarations)
        except ValueError as exc:
            raise _fail(f"configuration `declarations`: {exc}") from None
    from policylint.policy import manifest

    if format == "json":
        import json

        sys.stdout.write(json.dumps(manifest.to_dict(declarations), indent=2, ensure_ascii=False) + "\n")
    elif format == "yaml":
        sys.stdout.write(manifest.dump_yaml(declarations))
    else:
        from policylint.report.declarations import render_text

        render_text(declarations, _console())


@app.command(cls=_Command)
def rules(format: str = typer.Option("text", "--format", "-f", help="text | markdown (the README's rule table).")) -> None:
    """List every rule: code, slug, default severity and what it checks."""
    from policylint import registry

    if format == "markdown":
        from policylint.report.explain import rules_markdown

        sys.stdout.write(rules_markdown(registry.all_rules().values()))
        return
    if format != "text":
        raise _fail("--format must be text or markdown")
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("code")
    table.add_column("slug")
    table.add_column("severity")
    table.add_column("what it checks")
    for rule in registry.all_rules().values():
        table.add_row(rule.code, rule.slug, rule.severity, escape(rule.summary))
    _console().print(table)


@app.command(cls=_Command)
def explain(code: str = typer.Argument(..., help="A rule code (PL101) or slug (undeclared-collection).")) -> None:
    """Print a rule's documentation: what, why, examples, fix."""
    from policylint import registry
    from policylint.report.explain import render_rule

    rule = registry.find(code)
    if rule is None:
        import difflib

        known = [r.code for r in registry.all_rules().values()] + [r.slug for r in registry.all_rules().values()]
        close = difflib.get_close_matches(code, known, n=1)
        raise _fail(f"no rule `{code}`" + (f"; did you mean `{close[0]}`?" if close else "; `policylint rules` lists them"))
    render_rule(rule, _console())


@app.command(cls=_Command)
def schema(name: str = typer.Argument("inventory", help="Which schema: inventory.")) -> None:
    """Print a JSON Schema (for editors: yaml-language-server $schema)."""
    if name != "inventory":
        raise _fail(f"unknown schema `{name}`; available: inventory")
    from policylint.inventory.schema import schema_text

    sys.stdout.write(schema_text())


@app.command(cls=_Command)
def taxonomy(kind: Optional[str] = typer.Argument(None, help="data_category | data_use | data_subject | recipient_type | cookie_purpose | technology | security_measure | right")) -> None:
    """List taxonomy terms with their aliases."""
    from rich.markup import escape
    from rich.table import Table

    from policylint import taxonomy as tax

    loaded = tax.load()
    kinds = [kind] if kind else list(tax.KINDS)
    for k in kinds:
        if k not in tax.KINDS:
            raise _fail(f"unknown vocabulary `{k}`; choose one of: {', '.join(tax.KINDS)}")
        table = Table(title=k, box=None, header_style="bold", title_justify="left")
        table.add_column("key")
        table.add_column("name")
        table.add_column("aliases")
        for term in loaded[k].terms.values():
            flag = " (sensitive)" if term.sensitive else ""
            table.add_row(term.key + flag, escape(term.name), escape(", ".join(term.aliases)))
        _console().print(table)


def main() -> None:
    import os

    try:
        app()
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(2)
    except Exception as exc:  # a bug, not bad input: say so briefly, keep the details on request
        if os.environ.get("POLICYLINT_DEBUG"):
            raise
        typer.echo(
            f"policylint: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in policylint; run again with POLICYLINT_DEBUG=1 for the traceback and report it.",
            err=True,
        )
        sys.exit(2)
