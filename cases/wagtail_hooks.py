"""Wagtail admin additions for cases: the dashboard panel of cases needing confirmation and
the audit-log action recorded when someone confirms a case."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .freshness import CONFIRM_ACTION, stale_cases_for_user


class StaleCasesPanel(Component):
    name = "stale_cases"
    template_name = "cases/admin/stale_cases_panel.html"
    order = 150
    limit = 20

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        cases = stale_cases_for_user(self.user)
        # Three queries whatever the number of cases: count, page, owners.
        shown = list(cases.prefetch_related("municipalities", "regions")[: self.limit])
        total = cases.count() if len(shown) == self.limit else len(shown)
        return {"cases": shown, "total": total, "limit": self.limit}


@hooks.register("construct_homepage_panels")
def add_stale_cases_panel(request, panels):
    panels.append(StaleCasesPanel(request.user))


@hooks.register("register_log_actions")
def register_confirm_action(actions):
    actions.register_action(
        CONFIRM_ACTION, "Bekræft oplysninger", "Oplysningerne blev bekræftet som stadig gældende"
    )
