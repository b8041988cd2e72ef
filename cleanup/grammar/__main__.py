"""`python -m cleanup.grammar setup|start|stop|status` (same as `cleanup grammar ...`)."""
from .cli import grammar

grammar(prog_name="python -m cleanup.grammar")
