from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("bekraeft-eksempel/<int:page_id>/", views.confirm_case_view, name="confirm"),
]
