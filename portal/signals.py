"""What purges the anonymous page cache (portal/cache.py): anything that changes what an
anonymous visitor sees. Publishing, unpublishing, moving and deleting pages; a page becoming
view-restricted; taxonomy values (shown on every list and filter); method adoptions ("Hvor
bruges metoden?"); the public parts of erfa-groups (meetings, their documents, memberships);
live content changed without a publish (a revision rewritten in place); the search index
changing (after a publish, a replay of waiting changes or a rebuild), so /soeg/ and the search
API never keep results from before it.

Receivers are connected without a sender and match model labels, so a model that another app
adds later (methods.MethodAdoption) is covered without importing it here."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.sync import index_updated

from .cache import purge_page_cache, schedule_purge

PURGING_APPS = {"taxonomy"}
PURGING_MODELS = {
    "wagtailcore.pageviewrestriction",
    "wagtailcore.site",
    "methods.methodadoption",
    "erfa.meeting",
    "erfa.meetingdocument",
    "erfa.membership",
}


def _purges(instance):
    meta = instance._meta
    return meta.app_label in PURGING_APPS or meta.label_lower in PURGING_MODELS


def page_changed(sender, **kwargs):
    schedule_purge()


def model_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if _purges(instance) or (
        # An existing revision rewritten in place: a change to live content without a publish
        # (cases/freshness.py records a re-confirmation this way). New drafts are created.
        not created and instance._meta.label_lower == "wagtailcore.revision"
    ):
        schedule_purge()


def model_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or _purges(instance):
        schedule_purge()


def index_changed(sender, **kwargs):
    # At once: the index is not part of any database transaction, it has already changed.
    purge_page_cache()


def connect():
    index_updated.connect(index_changed, dispatch_uid="pagecache_search_index")
    page_published.connect(page_changed, dispatch_uid="pagecache_published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="pagecache_moved")
    post_save.connect(model_saved, dispatch_uid="pagecache_saved")
    post_delete.connect(model_deleted, dispatch_uid="pagecache_deleted")
