from django.urls import path

from . import api, views

app_name = "search"

urlpatterns = [
    path("soeg/", views.search_page, name="page"),
    path("api/search/", api.search_api, name="api"),
    path("api/search/suggest/", api.suggest_api, name="suggest"),
]
