"""URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tdkt.api.urls import api
from tdkt.web.forms import LoginForm

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
    path("nhap-du-lieu/", include("tdkt.imports.urls")),
    path("xet-khen-thuong/", include("tdkt.eligibility.urls")),
    path("xet-khen/", include("tdkt.nominations.urls")),
    path("", include("tdkt.web.urls")),
]
