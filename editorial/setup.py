"""The editorial roles as data: groups, their permissions and the review workflow.

`setup_roles()` is declarative and idempotent: every run leaves the role groups with exactly the
permissions described here (extra ones are removed), so running it again after a change, or
twice in a row, gives the same result. It creates nothing for pages that do not exist yet
(a fresh database before `import_content`); run it again after importing.

Media permissions are granted on the shared collection "Fælles", never on the root: a
permission on a collection reaches every collection below it, and each erfa-group's
members-only documents live in a closed collection of their own (erfa.models.pages)."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from taxonomy.models import Municipality

from .coordinators import sync_all_coordinators
from .models import MunicipalContributorGroup
from .roles import COORDINATOR_GROUP, EDITOR_GROUP, contributor_group_name

WORKFLOW_NAME = "Redaktionel gennemgang"
TASK_NAME = "Godkendelse af redaktør"

ADMIN_ACCESS = "wagtailadmin.access_admin"
TAXONOMY_MODELS = (
    "frame",
    "movement",
    "handlerum",
    "challenge",
    "region",
    "municipality",
    "targetgroup",
    "sector",
    "evidencelevel",
)
# Editors run the erfa-groups' admin (meetings, attachments, members and coordinators, join
# requests, posts, profiles) and read the "Del et eksempel" submissions.
ERFA_MODELS = ("meeting", "meetingdocument", "membership", "joinrequest", "post", "profile")
EDITOR_ERFA_PERMISSIONS = [
    f"erfa.{verb}_{model}" for model in ERFA_MODELS for verb in ("add", "change", "delete", "view")
]
EDITOR_SUBMISSION_PERMISSIONS = ["contribute.view_submission", "contribute.delete_submission"]
EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
CONTRIBUTOR_PAGE_PERMISSIONS = ("add", "change")  # never publish: editors review first
EDITOR_MEDIA = ("add", "change", "choose", "delete")
SHARED_COLLECTION_NAME = "Fælles"
CONTRIBUTOR_MEDIA = ("add", "choose")


@dataclass
class RoleSpec:
    group: Group
    model_permissions: list = field(default_factory=list)  # "app_label.codename"
    page_permissions: list = field(default_factory=list)  # (page, "add" | "change" | ...)
    collection_permissions: list = field(default_factory=list)  # "app_label.codename"


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(action):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def _media_permissions(actions):
    return [f"wagtailimages.{a}_image" for a in actions] + [
        f"wagtaildocs.{a}_document" for a in actions
    ]


def shared_collection():
    """The collection every role may use: a child of the root, beside (never above) the
    erfa-groups' closed collections. Media left in the root collection move into it, so what
    editors and contributors used before stays choosable."""
    root = Collection.get_first_root_node()
    shared = root.get_children().filter(name=SHARED_COLLECTION_NAME).first()
    if shared is None:
        shared = root.add_child(name=SHARED_COLLECTION_NAME)
    for model in (get_document_model(), get_image_model()):
        model.objects.filter(collection=root).update(collection=shared)
    return shared


def _apply(spec, shared_collection):
    """Make the group's permissions exactly those in the spec."""
    group = spec.group
    group.permissions.set([_permission(p) for p in spec.model_permissions])

    wanted_pages = {
        (page.pk, _page_permission(action).pk) for page, action in spec.page_permissions
    }
    existing = GroupPagePermission.objects.filter(group=group)
    existing.exclude(
        pk__in=[gpp.pk for gpp in existing if (gpp.page_id, gpp.permission_id) in wanted_pages]
    ).delete()
    for page_id, permission_id in wanted_pages:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission_id=permission_id
        )

    wanted_collection = {_permission(p).pk for p in spec.collection_permissions}
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=shared_collection, permission_id__in=wanted_collection
    ).delete()
    for permission_id in wanted_collection:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=shared_collection, permission_id=permission_id
        )


def _index_pages():
    from cases.models import CaseIndexPage
    from erfa.models import ErfaGroupIndexPage
    from methods.models import MethodIndexPage

    return (
        CaseIndexPage.objects.first(),
        MethodIndexPage.objects.first(),
        ErfaGroupIndexPage.objects.first(),
    )


def _contributor_groups():
    """One group per municipality, bound by MunicipalContributorGroup; the name follows the
    municipality's current name."""
    groups = []
    bindings = {
        b.municipality_id: b for b in MunicipalContributorGroup.objects.select_related("group")
    }
    for municipality in Municipality.objects.order_by("name"):
        name = contributor_group_name(municipality)
        binding = bindings.get(municipality.pk)
        if binding is None:
            group, _ = Group.objects.get_or_create(name=name)
            MunicipalContributorGroup.objects.create(group=group, municipality=municipality)
        else:
            group = binding.group
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])
        groups.append(group)
    return groups


def _workflow(editor_group, pages):
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([editor_group])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def setup_roles():
    """Create or update every role group, its permissions and the review workflow.

    Returns a list of Danish warnings (e.g. pages that do not exist yet)."""
    warnings = []
    root_page = Page.get_first_root_node()
    media_collection = shared_collection()
    case_index, method_index, erfa_index = _index_pages()

    editor = Group.objects.get_or_create(name=EDITOR_GROUP)[0]
    coordinator = Group.objects.get_or_create(name=COORDINATOR_GROUP)[0]

    specs = [
        RoleSpec(
            editor,
            model_permissions=[ADMIN_ACCESS]
            + [
                f"taxonomy.{verb}_{model}"
                for model in TAXONOMY_MODELS
                for verb in ("add", "change")
            ]
            + EDITOR_ERFA_PERMISSIONS
            + EDITOR_SUBMISSION_PERMISSIONS,
            page_permissions=[(root_page, a) for a in EDITOR_PAGE_PERMISSIONS] if root_page else [],
            collection_permissions=_media_permissions(EDITOR_MEDIA),
        ),
        RoleSpec(
            coordinator,
            # Admin access only: the page permissions sit on each erfa-group's own
            # coordinator group (editorial.coordinators).
            model_permissions=[ADMIN_ACCESS],
            collection_permissions=_media_permissions(CONTRIBUTOR_MEDIA),
        ),
    ]

    for group in _contributor_groups():
        specs.append(
            RoleSpec(
                group,
                model_permissions=[ADMIN_ACCESS],
                page_permissions=[(case_index, a) for a in CONTRIBUTOR_PAGE_PERMISSIONS]
                if case_index
                else [],
                collection_permissions=_media_permissions(CONTRIBUTOR_MEDIA),
            )
        )
    if case_index is None:
        warnings.append("Oversigten over praksiseksempler findes ikke endnu; kør kommandoen igen.")

    for spec in specs:
        _apply(spec, media_collection)

    sync_all_coordinators()

    # Coordinators' edits of their erfa-group pages go to the editors as well.
    workflow_pages = [page for page in (case_index, method_index, erfa_index) if page]
    _workflow(editor, workflow_pages)
    if len(workflow_pages) < 3:
        warnings.append("Arbejdsgangen er ikke knyttet til alle oversigtssider endnu.")
    return warnings
