"""Whether an inventory entry is about the writer's own actions, judged for the entries kept.

The judgement is the pure rule of `recouple.program.amends` on the coach's reading, both plain
libraries without Django or app code; the entries written before it are read once with it here,
so an entry that only described the ex stops opening the reach-out.
"""

from typing import Any

from django.db import migrations, models


def judge_kept_entries(apps: Any, schema_editor: Any) -> None:
    from recouple import coach
    from recouple.program import amends as rules

    entry_model = apps.get_model("amends", "InventoryEntry")
    for entry in entry_model.objects.all().iterator():
        text = entry.what_i_did or ""
        labels: set[str] = set()
        if text.strip():
            try:
                labels = set(
                    coach.check(text[: coach.MAX_CHARS], coach.Context(kind="journal")).labels
                )
            except coach.CoachInputError:
                labels = set()
        counts = rules.read_entry(
            text, blame="blame" in labels, accountability="accountability" in labels
        ).counts
        entry_model.objects.filter(pk=entry.pk).update(counts=counts)


class Migration(migrations.Migration):
    dependencies = [
        ("amends", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="inventoryentry",
            name="counts",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(judge_kept_entries, migrations.RunPython.noop),
    ]
