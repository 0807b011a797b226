"""Each letter keeps the moment it opens, fixed in the zone its user had when it was sealed.

Letters already written get the first moment of their reopen day in their user's zone today.
"""

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import migrations, models


def fill_opens_at(apps: Any, schema_editor: Any) -> None:
    letter_model = apps.get_model("nocontact", "Letter")
    for letter in letter_model.objects.select_related("user").iterator(chunk_size=500):
        zone = ZoneInfo(letter.user.time_zone or "UTC")
        letter.opens_at = datetime.combine(letter.reopen_on, time(0), tzinfo=zone)
        letter.save(update_fields=["opens_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("nocontact", "0002_period_counts_from_and_shared_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="opens_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(fill_opens_at, migrations.RunPython.noop),
    ]
