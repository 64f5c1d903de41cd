from django.urls import path

from tdkt.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/xac-nhan/", views.import_confirm, name="confirm"),
]
