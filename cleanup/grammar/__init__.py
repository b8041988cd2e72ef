"""Grammar checking with LanguageTool: provisioning, server lifecycle, client and stage."""
from .provision import languagetool_available
from .stage import GrammarStage

__all__ = ["GrammarStage", "languagetool_available"]
