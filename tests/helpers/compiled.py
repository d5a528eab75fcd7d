"""Templates compiled once per run, shared by every test's app (each app has its own Jinja)."""

from jinja2 import BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled code kept in memory; a template whose source changed compiles again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
