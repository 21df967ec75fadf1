from django.apps import apps
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import Signal, receiver
from django.utils.translation import gettext as _

from organizations.models import Unit

# Sent by writers that bypass the model signals (bulk imports, archive restores) after changing
# many rows of `sender` at once, inside their transaction; what other apps keep computed from
# those rows (the indicator report's memo) listens to it.
bulk_changed = Signal()


@receiver(pre_delete, sender=Unit)
def _keep_campaign_targets(sender, instance, **kwargs):
    """Deleting a targeted unit would silently drop it from the campaign's targets, and a
    campaign with no targets means "every unit". Such a unit is deactivated instead."""
    Campaign = apps.get_model("awards", "Campaign")
    targeting = list(Campaign.objects.filter(target_units=instance)[:5])
    if targeting:
        raise ProtectedError(
            _("“%(unit)s” is the target of a campaign; deactivate it or merge it into its "
              "successor instead of deleting it.") % {"unit": instance.name},
            set(targeting),
        )  # fmt: skip
