"""The JSON API (django-ninja); routers per area are added in tdkt.api.routers."""

from ninja import NinjaAPI
from ninja.security import django_auth

api = NinjaAPI(title="TĐKT API", version="1", auth=django_auth, urls_namespace="api")
