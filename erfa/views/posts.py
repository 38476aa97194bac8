"""Posts (opslag) in a group's members-only area: write, reply, hide, make public."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import PostForm, ReplyForm
from ..models import Post
from ..permissions import COORDINATORS_ONLY, group_view, require_member
from .pages import posts_for

PAGE_SIZE = 20


def _posts_url(group):
    return reverse("erfa:posts", args=[group.slug])


def _render(request, group, access, form=None, reply_to=None, reply_form=None, status=200):
    page = Paginator(posts_for(group, access), PAGE_SIZE).get_page(request.GET.get("side"))
    for post in page.object_list:
        post.reply_form = (
            reply_form
            if reply_to is not None and post.pk == reply_to.pk
            else ReplyForm(auto_id=f"id_svar_{post.pk}_%s")
        )
    context = {
        "page": group,
        "group": group,
        "access": access,
        "posts": page,
        "form": form or PostForm(),
        "form_error": "" if status == 200 else "Dit opslag blev ikke sendt. Ret fejlen herunder.",
    }
    return TemplateResponse(request, "erfa/posts.html", context, status=status)


def _set_public(request, group, access):
    if not access.is_coordinator:
        raise PermissionDenied(COORDINATORS_ONLY)
    post_id = request.POST.get("post_id", "")
    if not post_id.isdigit():
        raise Http404("Ukendt opslag.")
    post = get_object_or_404(group.posts.all(), pk=int(post_id), parent=None)
    post.public = request.POST.get("public") == "1"
    post.save(update_fields=["public"])
    if post.public:
        messages.success(request, "Opslaget vises nu som offentlig opdatering på gruppens side.")
    else:
        messages.success(request, "Opslaget er nu kun for medlemmer.")
    return redirect(_posts_url(group))


@require_http_methods(["GET", "POST"])
@group_view
def posts(request, group, access):
    require_member(request, access, next_url=_posts_url(group))
    if request.method == "GET":
        return _render(request, group, access)
    if request.POST.get("action") == "offentlig":
        return _set_public(request, group, access)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _render(request, group, access, form=form, status=400)
    Post.objects.create(group=group, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, "Dit opslag er delt med gruppen.")
    return redirect(_posts_url(group))


@require_POST
@group_view
def reply(request, group, access, post_id):
    require_member(request, access, next_url=_posts_url(group))
    parents = group.posts.filter(parent=None)
    if not access.is_coordinator:
        parents = parents.filter(hidden=False)
    parent = get_object_or_404(parents, pk=post_id)
    form = ReplyForm(request.POST, auto_id=f"id_svar_{parent.pk}_%s")
    if not form.is_valid():
        response = _render(request, group, access, reply_to=parent, reply_form=form, status=400)
        response.context_data["form_error"] = f"Dit svar blev ikke sendt. {form.errors['body'][0]}"
        return response
    Post.objects.create(
        group=group, author=request.user, parent=parent, body=form.cleaned_data["body"]
    )
    messages.success(request, "Dit svar er sendt.")
    return redirect(f"{_posts_url(group)}#opslag-{parent.pk}")


@require_POST
@group_view
def hide_post(request, group, access, post_id):
    require_member(request, access, coordinator=True, next_url=_posts_url(group))
    post = get_object_or_404(group.posts.all(), pk=post_id)
    post.hidden = request.POST.get("hidden", "1") != "0"
    post.save(update_fields=["hidden"])
    if post.hidden:
        messages.success(request, "Opslaget er skjult. Kun koordinatorer kan se det.")
    else:
        messages.success(request, "Opslaget er synligt for medlemmerne igen.")
    return redirect(f"{_posts_url(group)}#opslag-{post.parent_id or post.pk}")
