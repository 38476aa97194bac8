from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("soeg/feed/", views.search_feed, name="search_feed"),
    path("api/search/feed/", views.search_feed_api, name="search_feed_api"),
    path("min-profil/soegninger/", views.saved_searches, name="saved_searches"),
    path("min-profil/soegninger/ny/", views.follow, name="follow"),
    path("min-profil/soegninger/<int:pk>/", views.change_frequency, name="change_frequency"),
    path("min-profil/soegninger/<int:pk>/slet/", views.delete, name="delete"),
    path("afmeld/soegninger/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
