"""Named live figures ("jdr.deployments", "programs.latest_year") computed from the database.

Each app registers a provider for its namespace in `AppConfig.ready()`; templates, content-page
placeholders and the home page read the figures from here, so no text ever hard-codes a number.
"""

from collections.abc import Callable

_providers: dict[str, Callable[[], dict]] = {}
# For the staff who write placeholders: each namespace's name and what each figure means.
_labels: dict[str, str] = {}
_meanings: dict[str, dict] = {}


def register(
    namespace: str, provider: Callable[[], dict], label: str = "", meanings: dict | None = None
) -> None:
    _providers[namespace] = provider
    _labels[namespace] = label or namespace
    _meanings[namespace] = meanings or {}


class LiveFigures:
    """Lazy mapping namespace -> {name: value}; each provider runs once, on first use."""

    def __init__(self):
        self._computed: dict[str, dict] = {}

    def __getitem__(self, namespace: str) -> dict:
        if namespace not in self._computed:
            self._computed[namespace] = _providers[namespace]()
        return self._computed[namespace]

    def __contains__(self, namespace: str) -> bool:
        return namespace in _providers

    def resolve(self, dotted_name: str):
        """Value of "namespace.name"; KeyError when no such figure exists."""
        namespace, _, name = dotted_name.partition(".")
        if namespace not in self:
            raise KeyError(dotted_name)
        return self[namespace][name]

    def names(self) -> list[str]:
        return sorted(f"{ns}.{name}" for ns in _providers for name in self[ns])

    def groups(self) -> list[tuple[str, list[tuple[str, str, object]]]]:
        """[(namespace label, [(dotted name, meaning, value today)])], namespaces in the order
        the apps registered them."""
        return [
            (
                _labels[ns],
                [
                    (f"{ns}.{name}", _meanings[ns].get(name, ""), value)
                    for name, value in sorted(self[ns].items())
                ],
            )
            for ns in _providers
        ]
