"""Places on the search page where feature apps add their parts (a feed link, a way to follow
the search, a box to pick a practice example for comparison) without the search app knowing
them: a feature registers a template for a slot in its AppConfig.ready(), and the page includes
every template registered for that slot.

Slots and what their templates find in the context besides the page's own:
- "head": in <head>, for a valid search (`search_query_string` below).
- "results_end": after the results (and their pagination) of a valid search, in the part of
  the page that changes with a filter; inside the search <form>, so a template there holds
  links or controls with a `form` attribute, never a form of its own.
- "hit": in each result, with `hit` (a search.contract.Hit).

`search_query_string` is the search's canonical query string without page, page size and
sort: the text, the facets and `exact`, e.g. "q=skole&movement=mestring"."""

SLOTS = ("head", "results_end", "hit")
_registered = {slot: [] for slot in SLOTS}


def register(slot, template_name):
    """Include `template_name` in `slot` of the search page (once, however often called)."""
    if slot not in _registered:
        raise ValueError(f"Unknown search page slot {slot!r}; choose one of {SLOTS}.")
    if template_name not in _registered[slot]:
        _registered[slot].append(template_name)


def templates():
    """{slot: (template name, ...)} in registration order."""
    return {slot: tuple(names) for slot, names in _registered.items()}
