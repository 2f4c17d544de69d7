"""protocol_codegen."""

__all__: list[str] = []
