from django.contrib.auth.models import Group
from django.db import models


class MunicipalContributorGroup(models.Model):
    """Binds a 'Kommunal bidragyder' group to the one municipality whose cases it may edit.

    The binding is data, not the group's name: names may be edited, the municipality may not."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="contributor_for", verbose_name="gruppe"
    )
    municipality = models.OneToOneField(
        "taxonomy.Municipality",
        on_delete=models.CASCADE,
        related_name="contributor_group",
        verbose_name="kommune",
    )

    class Meta:
        verbose_name = "kommunal bidragydergruppe"
        verbose_name_plural = "kommunale bidragydergrupper"

    def __str__(self):
        return self.group.name
