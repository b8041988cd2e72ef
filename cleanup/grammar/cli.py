"""`cleanup grammar setup|start|stop|status`: install and run the LanguageTool server."""
from __future__ import annotations

import time

import click

from . import provision as prov
from . import server as srv

WARM_UP_KB = 300  # the JIT's gain flattens after a few hundred KB (benchmarks/grammar_speed.py --warm-up)
URL_OPTION_HELP = "Use this running LanguageTool server instead of a local one."


@click.group(name="grammar")
@click.option("--languagetool-url", envvar=prov.URL_ENV, default=None, help=URL_OPTION_HELP)
@click.pass_context
def grammar(ctx: click.Context, languagetool_url: str | None) -> None:
    """Grammar checker (LanguageTool): install it, keep a warm server running."""
    ctx.obj = {"url": languagetool_url}


@grammar.command()
@click.option("--lt-version", default=prov.DEFAULT_VERSION, show_default=True, help="LanguageTool version.")
@click.option("--verify/--no-verify", default=True, show_default=True,
              help="Start the server once and check a sentence.")
@click.pass_context
def setup(ctx: click.Context, lt_version: str, verify: bool) -> None:
    """Download LanguageTool into the cache folder (idempotent)."""
    url = ctx.obj["url"]
    if url:
        if not srv.is_alive(url):
            raise click.ClickException(f"no LanguageTool server answers at {url}")
        click.echo(f"Using the LanguageTool server at {url}; nothing to install.")
        return
    try:
        classpath = prov.provision(lt_version, log=click.echo)
    except prov.ProvisionError as e:
        raise click.ClickException(str(e)) from e
    if verify:
        _verify(classpath)


def _verify(classpath: str) -> None:
    from .client import CheckError, check

    t0 = time.monotonic()
    server = srv.LocalServer(classpath)
    try:
        url = server.start()
        matches = check(url, "This is an test.")
    except (srv.ServerError, CheckError) as e:
        raise click.ClickException(f"LanguageTool is installed but does not work: {e}") from e
    finally:
        server.stop()
    if not any(m.rule_id == "EN_A_VS_AN" for m in matches):
        raise click.ClickException("LanguageTool answered but missed 'an test'; the install looks broken")
    click.echo(f"Verified: server started and checked a sentence in {time.monotonic() - t0:.1f}s.")


@grammar.command()
@click.option("--idle-minutes", default=srv.DEFAULT_IDLE // 60, show_default=True, type=click.IntRange(1),
              help="Stop the server after this long without use.")
@click.option("--xmx", default=srv.DEFAULT_XMX, show_default=True, help="Java heap cap.")
@click.option("--warm-up-kb", default=WARM_UP_KB, show_default=True, type=click.IntRange(0),
              help="Then check this much bundled text in the background, so the first real checks "
                   "are fast (stops as soon as a real check arrives; 0: no warm-up).")
def start(idle_minutes: int, xmx: str, warm_up_kb: int) -> None:
    """Start a warm server that later `cleanup` runs reuse."""
    classpath = prov.installed_classpath()
    if classpath is None:
        raise click.ClickException("LanguageTool is not installed; run `cleanup grammar setup` first")
    try:
        state = srv.warm_start(classpath, idle=idle_minutes * 60, xmx=xmx, warm_chars=warm_up_kb * 1000)
    except srv.ServerError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"LanguageTool running at {state['url']} (pid {state.get('pid')}), "
               f"stops after {idle_minutes} idle minutes.")


@grammar.command()
def stop() -> None:
    """Stop the warm server."""
    click.echo("Stopped." if srv.warm_stop() else "No warm server was running.")


@grammar.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Show whether LanguageTool is installed and running."""
    url = ctx.obj["url"]
    if url:
        click.echo(f"configured server {url}: {'up' if srv.is_alive(url) else 'NOT answering'}")
    cp = prov.installed_classpath()
    click.echo(f"installed: {prov.runtime_dir() if cp else 'no (run `cleanup grammar setup`)'}")
    live = srv.warm_url()
    state = srv.read_state()
    if live and state:
        idle = time.time() - srv.last_used_path().stat().st_mtime if srv.last_used_path().exists() else 0
        click.echo(f"warm server: {live} (pid {state['pid']}), idle {idle / 60:.0f} of "
                   f"{state.get('idle_seconds', srv.DEFAULT_IDLE) / 60:.0f} minutes")
    else:
        click.echo("warm server: not running")
