from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User


class ReminderSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("reminder_time", "email_reminders")
        labels = {
            "reminder_time": _("Daily check-in at (your time)"),
            "email_reminders": _("Also send my reminders by email"),
        }
        help_texts = {
            "reminder_time": _("Leave it empty for no daily check-in reminder."),
        }
        widgets = {"reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        error_messages = {
            "reminder_time": {"invalid": _("Please give a time like 20:30, or leave it empty.")}
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("email_reminders") and not self.instance.email:
            self.add_error(
                "email_reminders", _("Add your email address in Settings first, then come back.")
            )
        return data
