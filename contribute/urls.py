from django.urls import path

from . import views

app_name = "contribute"

urlpatterns = [
    path("del-et-eksempel/", views.submit, name="form"),
    path("del-et-eksempel/tak/", views.thanks, name="thanks"),
]
