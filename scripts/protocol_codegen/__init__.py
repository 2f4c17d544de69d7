"""protocol_codegen."""
