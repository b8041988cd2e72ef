"""The command line: `cleanup fix|check PATH...`, `cleanup rules`, `cleanup grammar ...`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .batch import clean_stream
from .fileio import decode, encode, write_atomic
from .config import Config, find_config
from .files import discover, is_markdown
from .model import Result
from .options import Options
from .pipeline import Cleaner
from .report import EXIT_ERROR, Report, plural
from .rulesets import load_rules

_PROGRESS_MIN_FILES = 10


def _common(f):
    options = [
        click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of each change."),
        click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
        click.option("--include", multiple=True, help="Glob of files to take from folders (default: *.txt, *.md …)."),
        click.option("--exclude", multiple=True, help="Glob of files to leave out."),
        click.option("--grammar/--no-grammar", default=None,
                     help="Use the LanguageTool grammar checker (default: when it is set up)."),
        click.option("--languagetool-url", envvar="CLEANUP_LANGUAGETOOL_URL", help="Use this LanguageTool server."),
        click.option("--keep-boilerplate", is_flag=True, help="Do not remove boilerplate lines."),
        click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True, path_type=Path),
                     help="Extra rule file or folder (repeatable)."),
        click.option("--enable", multiple=True, help="Turn on a rule or rule set by id (repeatable)."),
        click.option("--disable", multiple=True, help="Turn off a rule or rule set by id (repeatable)."),
        click.option("--threshold", type=click.FloatRange(0, 1), default=None,
                     help="Apply findings at least this confident; report the rest (default 0.8)."),
        click.option("--encoding", default=None, help="Encoding of files without a BOM (default: UTF-8)."),
        click.option("--markdown/--plain", default=None, help="Treat input as markdown (default: by file suffix)."),
        click.option("-q", "--quiet", is_flag=True, help="Only the summary line and errors."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: one per core; 1: in this process)."),
        click.option("--jsonl", is_flag=True, help="Input is JSONL: clean one field of each line (see --field)."),
        click.option("--field", default="text", show_default=True, help="With --jsonl: the field to clean."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
                     help="With --jsonl: write the JSONL here (default: stdout)."),
        click.option("--no-cache", is_flag=True,
                     help="Do not use the result cache ($CLEANUP_CACHE_DIR, default ~/.cache/cleanup)."),
        click.argument("paths", nargs=-1, required=True),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleanup")
def main() -> None:
    """Repair scraped and machine-translated article text.

    Exit codes: 0 nothing to change (or all fixed), 1 `check` found changes,
    2 usage or input error.
    """


@main.command()
@_common
def fix(**kw) -> None:
    """Clean files in place (`-`: read stdin, write the cleaned text to stdout)."""
    sys.exit(_run(check=False, **kw))


@main.command()
@_common
def check(**kw) -> None:
    """Report what `fix` would change; write nothing. Exits 1 when something would change."""
    sys.exit(_run(check=True, **kw))


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True, path_type=Path))
def list_rules(fmt: str, rule_paths: tuple[Path, ...]) -> None:
    """List the rule sets and their rules."""
    loaded = load_rules(rule_paths)
    if fmt == "json":
        import json

        click.echo(json.dumps([{"set": s.id, "stage": s.stage, "description": s.description, "path": str(s.path),
                                "rules": [{"id": r.id, "kind": r.kind, "message": r.message,
                                           "confidence": r.confidence, "enabled": r.enabled} for r in s.rules]}
                               for s in loaded.sets], indent=2))
    else:
        for s in loaded.sets:
            click.echo(f"{s.id} ({s.stage}, {s.path.name}): {s.description}")
            for r in s.rules:
                off = "" if r.enabled else "  [off by default]"
                click.echo(f"  {r.id:<40} {r.kind:<9} {r.message}{off}")
    for problem in loaded.problems:
        click.echo(f"error: {problem}", err=True)
    sys.exit(EXIT_ERROR if loaded.problems else 0)


def _register_grammar() -> None:
    from .grammar.cli import grammar

    main.add_command(grammar)


_register_grammar()


def _options(config: Config, grammar, languagetool_url, keep_boilerplate, rule_paths, enable, disable,
             threshold) -> Options:
    """Command-line options over the repository's settings over the defaults."""
    return Options(
        grammar=grammar if grammar is not None else config.get("grammar"),
        boilerplate=False if keep_boilerplate else bool(config.get("boilerplate", True)),
        threshold=threshold if threshold is not None else float(config.get("threshold", 0.8)),
        enable=(*config.get("enable", []), *enable),
        disable=(*config.get("disable", []), *disable),
        rule_paths=(*config.paths("rules"), *rule_paths),
        languagetool_url=languagetool_url,
    )


def _run(check: bool, paths, show_diff, fmt, include, exclude, grammar, languagetool_url, keep_boilerplate,
         rule_paths, enable, disable, threshold, encoding, markdown, quiet, jobs, jsonl, field, output,
         no_cache) -> int:
    if output is not None and not jsonl:
        click.echo("error: -o/--output is only for --jsonl (files are cleaned in place)", err=True)
        return EXIT_ERROR
    config = find_config()
    for problem in config.problems:
        click.echo(f"error: {problem}", err=True)
    if config.problems:
        return EXIT_ERROR
    options = _options(config, grammar, languagetool_url, keep_boilerplate, rule_paths, enable, disable, threshold)
    include = (*config.get("include", []), *include)
    exclude = (*config.get("exclude", []), *exclude)
    markdown = markdown if markdown is not None else config.get("markdown")
    report = Report(check=check)
    with Cleaner(options) as cleaner:
        for problem in cleaner.problems:
            click.echo(f"error: {problem}", err=True)
        if cleaner.problems:
            return EXIT_ERROR
        cache = None
        if not no_cache:
            from .cache import ResultCache

            cache = ResultCache.for_cleaner(cleaner)
        try:
            if jsonl:
                return _run_jsonl(cleaner, check, paths, field, output, jobs, cache, bool(markdown))
            batch = {"jobs": jobs, "cache": cache}
            if paths == ("-",):
                _run_stdin(cleaner, report, check, show_diff, fmt, encoding, markdown, cache)
            else:
                _run_files(cleaner, report, paths, include, exclude, check, show_diff, fmt, encoding, markdown,
                           quiet, batch)
        finally:
            if cache is not None:
                cache.close()
    for line in report.stage_lines():
        click.echo(line, err=True)
    if fmt == "json":
        click.echo(report.to_json())
    click.echo(report.summary(), err=True)
    return report.exit_code


def _run_jsonl(cleaner, check, paths, field, output, jobs, cache, markdown) -> int:
    """Each path (`-`: stdin) is JSONL; the cleaned lines go to `output` (default stdout), in order."""
    from .jsonl import clean_jsonl

    failed = changed = 0
    out = sys.stdout.buffer if output in (None, "-") else open(output, "wb")
    try:
        for path in paths:
            name = "-" if path == "-" else str(path)
            try:
                src = sys.stdin.buffer if path == "-" else open(path, "rb")
            except OSError as exc:
                click.echo(f"error: {name}: {exc.strerror or exc}", err=True)
                failed += 1
                continue
            with src if path != "-" else _nullbar(src):
                stats = clean_jsonl(src, out, field, options=cleaner, jobs=jobs, cache=cache, markdown=markdown,
                                    on_error=lambda e, name=name: click.echo(f"error: {name}: {e}", err=True))
            failed += stats.skipped
            changed += stats.cleaned
            click.echo(f"{name}: {stats.summary()}", err=True)
    finally:
        if out is not sys.stdout.buffer:
            out.close()
        else:
            out.flush()
    if failed:
        return EXIT_ERROR
    return 1 if check and changed else 0


def _run_stdin(cleaner, report, check, show_diff, fmt, encoding, markdown, cache) -> None:
    decoded = decode(sys.stdin.buffer.read(), encoding)
    if decoded.text is None:
        report.failed_file("-", decoded.error)
        click.echo(f"error: -: {decoded.error}", err=True)
        return
    [(_, result)] = clean_stream([("-", decoded.text, bool(markdown))], cleaner, jobs=1, cache=cache)
    report.done("-", result)
    if fmt == "json":
        return
    if show_diff or check:
        _echo_findings("-", result, show_diff)
    else:
        try:
            out = encode(result.text, decoded.encoding)
        except OSError as exc:  # a character the encoding cannot hold
            report.failed_file("-", exc.strerror or str(exc))
            click.echo(f"error: -: {exc.strerror or exc}", err=True)
            return
        sys.stdout.buffer.write(out)


def _run_files(cleaner, report, paths, include, exclude, check, show_diff, fmt, encoding, markdown, quiet,
               batch) -> None:
    """Files are read and written here; their texts are cleaned by worker processes (--jobs), in order."""
    files = list(discover(paths, tuple(include), tuple(exclude)))
    show_bar = len(files) >= _PROGRESS_MIN_FILES and sys.stderr.isatty() and fmt == "text"

    def items():
        for path in files:
            data, decoded = _read(report, path, encoding)
            md = (is_markdown(path) if markdown is None else markdown)
            yield (path, data, decoded), (decoded.text if decoded is not None else None), md

    with click.progressbar(length=len(files), label="cleaning", file=sys.stderr) if show_bar \
            else _nullbar(None) as bar:
        for (path, data, decoded), result in clean_stream(items(), cleaner, **batch):
            if result is not None:
                _one_file(report, path, data, decoded, result, check, show_diff, fmt, quiet)
            if bar is not None:
                bar.update(1)


class _nullbar:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


def _read(report, path: Path, encoding):
    """(bytes, decoded file), or (None, None) with the failure reported."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.failed_file(name, exc.strerror or str(exc))
        click.echo(f"error: {name}: {exc.strerror or exc}", err=True)
        return None, None
    decoded = decode(data, encoding)
    if decoded.text is None:
        report.failed_file(name, decoded.error)
        click.echo(f"error: {name}: {decoded.error}", err=True)
        return None, None
    return data, decoded


def _one_file(report, path: Path, data: bytes, decoded, result: Result, check, show_diff, fmt, quiet) -> None:
    name = str(path)
    if result.changed and not check:
        try:
            write_atomic(path, encode(result.text, decoded.encoding), expected=data)
        except OSError as exc:
            report.failed_file(name, f"cannot write: {exc.strerror or exc}")
            click.echo(f"error: {name}: cannot write: {exc.strerror or exc}", err=True)
            return
    report.done(name, result)
    if fmt == "text" and not quiet:
        if result.changed:
            click.echo(f"{'would clean' if check else 'cleaned'} {name} ({plural(len(result.edits), 'edit')})")
        _echo_findings(name, result, show_diff)


def _echo_findings(name: str, result: Result, show_diff: bool) -> None:
    if show_diff and result.changed:
        click.echo(result.diff(name), nl=False)
    for f in result.to_review:
        d = f.to_dict(result.original)
        click.echo(f"{name}:{d['line']}:{d['column']}: {f.rule}: {f.message}")
