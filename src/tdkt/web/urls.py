"""Web UI routes (Vietnamese paths, English route names)."""

from django.urls import path

from tdkt.web.views import (
    awards,
    conferences,
    dashboard,
    decisions,
    movements,
    people,
    reports,
    units,
)

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("don-vi/", units.unit_list, name="units"),
    path("don-vi/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("ca-nhan/", people.person_list, name="people"),
    path("ca-nhan/them/", people.person_add, name="person_add"),
    path("ca-nhan/<int:pk>/", people.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", people.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/xep-loai/", people.person_rating, name="person_rating"),
    path("quyet-dinh/", decisions.decision_list, name="decisions"),
    path("quyet-dinh/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("khen-thuong/", awards.award_list, name="awards"),
    path("phong-trao/", movements.movement_list, name="movements"),
    path("phong-trao/<int:pk>/", movements.movement_detail, name="movement_detail"),
    path("hoi-nghi/", conferences.conference_list, name="conferences"),
    path("hoi-nghi/<int:pk>/", conferences.conference_detail, name="conference_detail"),
    path("bao-cao/tong-hop/", reports.summary, name="summary"),
]
