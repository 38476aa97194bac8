from django.urls import re_path

from . import views

app_name = "methods"

# At most ten digits: a longer id cannot be a page, and would overflow the database's integer.
urlpatterns = [
    re_path(
        r"^metoder/vi-goer-det-ogsaa/(?P<method_id>[0-9]{1,10})/$",
        views.record_adoption,
        name="record_adoption",
    ),
    re_path(
        r"^metoder/vi-goer-det-ogsaa/(?P<method_id>[0-9]{1,10})/fortryd/$",
        views.withdraw_adoption,
        name="withdraw_adoption",
    ),
]
