"""Web UI routes (placeholder until the views land)."""

from django.http import HttpResponse
from django.urls import path

app_name = "web"


def _todo(request, *args, **kwargs):  # type: ignore[no-untyped-def]
    return HttpResponse("TĐKT")


urlpatterns = [
    path("", _todo, name="dashboard"),
    path("don-vi/", _todo, name="units"),
    path("ca-nhan/", _todo, name="people"),
    path("quyet-dinh/", _todo, name="decisions"),
    path("khen-thuong/", _todo, name="awards"),
    path("phong-trao/", _todo, name="movements"),
    path("hoi-nghi/", _todo, name="conferences"),
]
