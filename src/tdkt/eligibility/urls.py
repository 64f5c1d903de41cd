"""Eligibility routes (Vietnamese paths, English route names), under /xet-khen-thuong/."""

from django.urls import path

from tdkt.eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("", views.index, name="index"),
    path("ca-nhan/<int:pk>/", views.person_panel, name="person"),
    path("don-vi/<int:pk>/", views.unit_candidates, name="unit"),
    path("don-vi/<int:pk>/tai-xuong/", views.unit_export, name="unit_export"),
    path("tham-so/", views.parameters, name="parameters"),
    path("ra-soat/", views.audit, name="audit"),
]
