from django.urls import path

from . import views

app_name = "taxonomy"

urlpatterns = [
    path("bevaegelser/", views.movement_list, name="movement_list"),
    path("bevaegelser/<slug:slug>/", views.movement_detail, name="movement"),
    path("udfordringer/", views.challenge_list, name="challenge_list"),
    path("udfordringer/<slug:slug>/", views.challenge_detail, name="challenge"),
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path("kommuner/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("regioner/", views.region_list, name="region_list"),
    path("regioner/<slug:slug>/", views.region_detail, name="region"),
]
