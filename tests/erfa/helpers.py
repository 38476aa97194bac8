from django.contrib.messages import get_messages


def text(response):
    return response.content.decode()


def messages_of(response):
    """The Danish messages shown after a (followed) redirect, or still queued."""
    if response.context is not None and "messages" in response.context:
        return [str(m) for m in response.context["messages"]]
    return [str(m) for m in get_messages(response.wsgi_request)]
