"""The command line: `cleanup fix|check PATH...`, `cleanup rules`, `cleanup grammar ...`."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from .batch import clean_stream
from .fileio import binary, decode, encode, too_large, write_atomic, write_new
from .config import Config, find_config
from .files import INPUT_FORMATS, default_include, discover, input_kind
from .htmlinput import INSTALL_HINT as HTML_HINT, Extracted, PageField, attach, extract
from .htmlinput import available as html_available
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
        click.option("--markdown/--plain", default=None, help="Treat text input as markdown (default: by file suffix)."),
        click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None,
                     help="How inputs are read. auto (default): by file suffix, and *.html/*.htm files named on "
                          "the command line are pages; html: every input is a page, folders are walked for *.html/*.htm. "
                          "A page's article is extracted (needs cleanup[html]), cleaned and written beside it "
                          "as NAME.md; the page itself is never changed."),
        click.option("-q", "--quiet", is_flag=True, help="Only the summary line and errors."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: one per core; 1: in this process)."),
        click.option("--jsonl", is_flag=True, help="Input is JSONL: clean one field of each line (see --field)."),
        click.option("--field", default=None,
                     help="With --jsonl: the field to clean (default: text; with --input-format html: the page's "
                          "HTML in `html`, the cleaned text written to `text`)."),
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
         rule_paths, enable, disable, threshold, encoding, markdown, input_format, quiet, jobs, jsonl, field, output,
         no_cache) -> int:
    if output is not None and not jsonl:
        click.echo("error: -o/--output is only for --jsonl (files are cleaned in place)", err=True)
        return EXIT_ERROR
    config = find_config()
    for problem in config.problems:
        click.echo(f"error: {problem}", err=True)
    if config.problems:
        return EXIT_ERROR
    input_format = input_format or config.get("input_format") or "auto"
    if input_format not in INPUT_FORMATS:
        click.echo(f"error: {config.path}: input_format must be one of {', '.join(INPUT_FORMATS)}", err=True)
        return EXIT_ERROR
    options = _options(config, grammar, languagetool_url, keep_boilerplate, rule_paths, enable, disable, threshold)
    include = (*config.get("include", []), *include) or default_include(input_format)
    exclude = (*config.get("exclude", []), *exclude)
    markdown = markdown if markdown is not None else config.get("markdown")
    if input_format in ("text", "markdown"):  # an explicit format wins over --markdown/--plain
        markdown = input_format == "markdown"
    files = None if jsonl or paths == ("-",) else list(discover(paths, tuple(include), tuple(exclude)))
    if _needs_html(input_format, files, markdown) and not html_available():
        click.echo(f"error: {HTML_HINT}", err=True)
        return EXIT_ERROR
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
                return _run_jsonl(cleaner, check, paths, field, output, jobs, cache, bool(markdown),
                                  html=input_format == "html")
            batch = {"jobs": jobs, "cache": cache}
            if paths == ("-",) and input_format == "html":
                _run_stdin_page(cleaner, report, check, show_diff, fmt, encoding, cache)
            elif paths == ("-",):
                _run_stdin(cleaner, report, check, show_diff, fmt, encoding, markdown, cache)
            else:
                kind = lambda path: input_kind(path, input_format, markdown)  # noqa: E731
                _run_files(cleaner, report, files, check, show_diff, fmt, encoding, kind, quiet, batch)
        finally:
            if cache is not None:
                cache.close()
    for line in report.stage_lines():
        click.echo(line, err=True)
    if fmt == "json":
        click.echo(report.to_json())
    click.echo(report.summary(), err=True)
    return report.exit_code


def _needs_html(input_format: str, files, markdown) -> bool:
    """Does this run read HTML (so trafilatura must be there before anything starts)?"""
    if input_format == "html":
        return True
    return input_format == "auto" and any(input_kind(p, "auto", markdown) == "html" for p in files or ())


def _run_jsonl(cleaner, check, paths, field, output, jobs, cache, markdown, html=False) -> int:
    """Each path (`-`: stdin) is JSONL; the cleaned lines go to `output` (default stdout), in order.
    With `html`, `field` (default `html`) holds a page: its article, cleaned, goes to `text`."""
    from .jsonl import FieldText, clean_jsonl

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
            on_error = lambda e, name=name: click.echo(f"error: {name}: {e}", err=True)  # noqa: E731
            with src if path != "-" else _nullbar(src):
                source = PageField(field or "html") if html else FieldText(field or "text", markdown)
                stats = clean_jsonl(src, out, options=cleaner, jobs=jobs, cache=cache, on_error=on_error,
                                    source=source)
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
        _fail(report, "-", decoded.error)
        return
    [(_, result)] = clean_stream([("-", decoded.text, bool(markdown))], cleaner, jobs=1, cache=cache)
    report.done("-", result)
    _stdout(report, result, decoded.encoding, check, show_diff, fmt)


def _stdout(report, result: Result, encoding: str, check, show_diff, fmt) -> None:
    """What `-` gives back: the cleaned text (fix), or the findings (check, --diff)."""
    if fmt == "json":
        return
    if show_diff or check:
        _echo_findings("-", result, show_diff)
        return
    try:
        out = encode(result.text, encoding)
    except OSError as exc:  # a character the encoding cannot hold
        _fail(report, "-", exc.strerror or str(exc))
        return
    sys.stdout.buffer.write(out)


def _fail(report, name: str, reason: str) -> None:
    report.failed_file(name, reason)
    click.echo(f"error: {name}: {reason}", err=True)


def _run_files(cleaner, report, files, check, show_diff, fmt, encoding, kind, quiet, batch) -> None:
    """Files are read and written here; their texts are cleaned by worker processes (--jobs), in order.
    `kind(path)`: "text", "markdown" or "html" (a page: its extracted article is cleaned)."""
    show_bar = len(files) >= _PROGRESS_MIN_FILES and sys.stderr.isatty() and fmt == "text"
    inputs = {_identity(p) for p in files}
    outputs: dict[str, str] = {}  # NAME.md -> the page writing it, so two pages never write one file

    def items():
        for path in files:
            if kind(path) == "html":
                page = _read_page(report, path, encoding, inputs, outputs)
                yield (path, page), (page.extracted.text if page is not None else None), True
            else:
                data, decoded = _read(report, path, encoding)
                yield (path, (data, decoded)), (decoded.text if decoded is not None else None), kind(path) == "markdown"

    with click.progressbar(length=len(files), label="cleaning", file=sys.stderr) if show_bar \
            else _nullbar(None) as bar:
        for (path, source), result in clean_stream(items(), cleaner, **batch):
            if result is not None and isinstance(source, _Page):
                _one_page(report, path, source, result, check, show_diff, fmt, quiet)
            elif result is not None:
                _one_file(report, path, *source, result, check, show_diff, fmt, quiet)
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


# --- HTML pages: the article is extracted, cleaned, and written beside the page as NAME.md -------------------


@dataclass(frozen=True)
class _Page:
    extracted: Extracted
    out: Path  # where the cleaned article goes: NAME.md beside the page, never the page itself
    mode: int  # the page's permission bits, given to a new NAME.md


def _identity(path: Path):
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def _read_page(report, path: Path, encoding, inputs: set, outputs: dict) -> _Page | None:
    """The article of a page, or None with the failure reported. Refused: a page whose
    output would be the page itself (NAME.md read as HTML), another input of this run, or
    the output of another page (a.html and a.htm)."""
    name, out = str(path), path.with_suffix(".md")
    target = _identity(out)
    if target == _identity(path):
        _fail(report, name, f"the cleaned text would overwrite the page ({out}); rename it to .html")
        return None
    if target in inputs or target in outputs:
        other = "also an input of this run" if target in inputs else f"also written from {outputs[target]}"
        _fail(report, name, f"its cleaned text goes to {out}, which is {other}; clean them apart")
        return None
    outputs[target] = name
    try:
        data, mode = path.read_bytes(), path.stat().st_mode
    except OSError as exc:
        _fail(report, name, exc.strerror or str(exc))
        return None
    extracted = _extract(report, name, data, encoding)
    return _Page(extracted, out, mode) if extracted is not None else None


def _extract(report, name: str, data: bytes, encoding) -> Extracted | None:
    """The article in a page's bytes (their encoding found by trafilatura, unless --encoding
    names it), or None with the failure reported."""
    html: str | bytes | None = data
    if encoding:  # decode() also refuses what is too large or binary
        decoded = decode(data, encoding)
        html, reason = decoded.text, decoded.error
    else:
        reason = too_large(len(data)) or binary(data)
    if reason is not None:
        _fail(report, name, reason)
        return None
    extracted = extract(html)
    if extracted.text is None:
        _fail(report, name, f"{extracted.note.detail}; nothing written")
        return None
    return extracted


def _one_page(report, path: Path, page: _Page, result: Result, check, show_diff, fmt, quiet) -> None:
    name, out = str(path), page.out
    result = attach(result, page.extracted)
    try:
        data = encode(result.text, "utf-8")
        current = out.read_bytes() if os.path.lexists(out) else None
        stale = current != data
        if stale and not check:
            if current is None:
                write_new(out, data, page.mode & 0o666)
            else:
                write_atomic(out, data, expected=current)
    except OSError as exc:
        _fail(report, name, f"cannot write {out}: {exc.strerror or exc}")
        return
    report.done(name, result, changed=stale)  # an up-to-date NAME.md already has the edits
    report.files[-1].update(output=str(out), metadata=dict(result.metadata))
    if fmt == "text" and not quiet:
        if stale:
            click.echo(f"{'would write' if check else 'wrote'} {out} from {name} ({plural(len(result.edits), 'edit')})")
        _echo_findings(name, result, show_diff)


def _run_stdin_page(cleaner, report, check, show_diff, fmt, encoding, cache) -> None:
    """`--input-format html -`: a page on stdin, its cleaned article (markdown, UTF-8) on stdout."""
    extracted = _extract(report, "-", sys.stdin.buffer.read(), encoding)
    if extracted is None:
        return
    [(_, result)] = clean_stream([("-", extracted.text, True)], cleaner, jobs=1, cache=cache)
    result = attach(result, extracted)
    report.done("-", result)
    report.files[-1]["metadata"] = dict(result.metadata)
    _stdout(report, result, "utf-8", check, show_diff, fmt)


def _echo_findings(name: str, result: Result, show_diff: bool) -> None:
    if show_diff and result.changed:
        click.echo(result.diff(name), nl=False)
    for f in result.to_review:
        d = f.to_dict(result.original)
        click.echo(f"{name}:{d['line']}:{d['column']}: {f.rule}: {f.message}")
