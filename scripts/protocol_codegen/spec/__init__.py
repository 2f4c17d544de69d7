"""Stage 1 of the generator: load spec/openapi.yaml and check it.

Errors name the file, the line, the JSON pointer, and the fix.
"""

from .errors import SpecError, SpecErrors
from .loaded import LoadedSpec
from .loading import load_spec

__all__ = ["LoadedSpec", "SpecError", "SpecErrors", "load_spec"]
