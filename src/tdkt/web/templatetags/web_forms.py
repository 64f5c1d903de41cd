"""Form helpers: render a field's widget linked to its help text and error messages."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def described(field: BoundField) -> SafeString:
    """The widget with ``aria-describedby`` naming its help text and errors (if any)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] | None = {"aria-describedby": " ".join(ids)} if ids else None
    return field.as_widget(attrs=attrs)
