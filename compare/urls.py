from django.urls import path

from . import views

app_name = "compare"

urlpatterns = [
    path("sammenlign/", views.compare_page, name="page"),
    path("api/compare/", views.compare_api, name="api"),
]
