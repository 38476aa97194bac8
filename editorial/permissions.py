"""What a municipal contributor may do with cases, enforced on the model layer.

Wagtail asks `page.permissions_for_user(user)` in every admin view (edit, delete, unpublish,
move, copy, revisions, history, preview, bulk actions), so the testers below are the single
place the rule lives. Contributor groups hold "add" and "change" on the case index; without
this layer "change" would cover every municipality's cases.

Who counts as an editor for a page: a superuser, or anyone whose groups may publish it
(Redaktør). Everyone else is held to the municipalities of their contributor groups."""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import page_permission_policy

from .roles import contributor_municipalities


def may_publish_at(user, page):
    """True for superusers and for users whose groups hold "publish" on the page or above."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        perm.permission.codename == "publish_page" and page.path.startswith(perm.page.path)
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
    )


def owns_case(user, page):
    """True when one of the case's owning municipalities (as stored, not as a draft claims) is
    one the user contributes for.

    The ids of the user's cases are read once per user object (one request), so listings do not
    query per row; a miss asks again, since the case may have been created since."""
    if page.pk is None or not user.is_authenticated:
        return False
    owned = getattr(user, "_editorial_owned_case_ids", None)
    if owned is None:
        owned = set(contributor_municipalities(user).values_list("cases__pk", flat=True).distinct())
        user._editorial_owned_case_ids = owned
    if page.pk in owned:
        return True
    if contributor_municipalities(user).filter(cases__pk=page.pk).exists():
        owned.add(page.pk)
        return True
    return False


def _editors_only(name):
    """A tester method giving Wagtail's own answer to editors and "no" to everyone else."""

    def check(self, *args, **kwargs):
        if not self.is_editor:
            return False
        return getattr(PagePermissionTester, name)(self, *args, **kwargs)

    check.__name__ = name
    return check


class CasePermissionTester(PagePermissionTester):
    """Editors: Wagtail's rules unchanged. Contributors: their municipalities' cases only, to
    edit, submit for review and delete their own unpublished drafts; never publish, unpublish,
    move, copy, lock or restrict viewing."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.is_editor = may_publish_at(user, page)
        self._owns = None

    @property
    def owns(self):
        if self._owns is None:
            self._owns = owns_case(self.user, self.page)
        return self._owns

    def can_edit(self):
        if self.is_editor:
            return super().can_edit()
        return self.owns and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        if self.is_editor:
            return super().can_delete(ignore_bulk)
        # Wagtail's own check would query the page's descendants for every listed row; cases
        # have no subpages, so an unpublished leaf owned by the user is the whole rule.
        return (
            self.user.is_active
            and not self.page.live
            and self.page.owner_id == self.user.pk
            and self.page.is_leaf()
            and bool({"add", "change"} & self.permissions)
            and self.owns
        )

    def can_submit_for_moderation(self):
        if self.is_editor:
            return super().can_submit_for_moderation()
        return self.owns and super().can_submit_for_moderation()

    def can_view_revisions(self):
        if self.is_editor:
            return super().can_view_revisions()
        return self.owns and super().can_view_revisions()

    can_publish = _editors_only("can_publish")
    can_unpublish = _editors_only("can_unpublish")
    can_move = _editors_only("can_move")
    can_move_to = _editors_only("can_move_to")
    can_copy = _editors_only("can_copy")
    can_copy_to = _editors_only("can_copy_to")
    can_lock = _editors_only("can_lock")
    can_unschedule = _editors_only("can_unschedule")
    can_set_view_restrictions = _editors_only("can_set_view_restrictions")
    can_reorder_children = _editors_only("can_reorder_children")


class CaseIndexPermissionTester(PagePermissionTester):
    """Contributors may add cases under the index, nothing more: their "change" permission is
    there for the cases, not for the index page itself."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.is_editor = may_publish_at(user, page)

    can_edit = _editors_only("can_edit")
    can_delete = _editors_only("can_delete")
    can_copy = _editors_only("can_copy")
    can_move = _editors_only("can_move")
    can_lock = _editors_only("can_lock")
    can_view_revisions = _editors_only("can_view_revisions")


def hide_unowned_cases(pages, user, drafts_only=False):
    """Remove from a page queryset the cases this user may not edit: for users without
    "publish" over the cases (contributors), cases of other municipalities. With drafts_only,
    live cases stay (they are public anyway), only others' unpublished cases go."""
    from cases.models import CasePage

    if not user.is_authenticated:
        return pages.exclude(pk__in=CasePage.objects.filter(live=False).values("pk"))
    if user.is_superuser:
        return pages
    publish_paths = [
        perm.page.path
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
        if perm.permission.codename == "publish_page"
    ]
    hidden = CasePage.objects.exclude(municipalities__in=contributor_municipalities(user))
    for path in publish_paths:
        hidden = hidden.exclude(path__startswith=path)
    if drafts_only:
        hidden = hidden.filter(live=False)
    return pages.exclude(pk__in=hidden.values("pk"))


class ContributorScopedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that a contributor's "change" on the case index reaches
    only their municipalities' cases. Explorer, admin search, reports and the admin API list
    pages through this, so other municipalities' cases never show up there."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return hide_unowned_cases(pages, user)
