import factory
from django.contrib.auth import get_user_model

from organizations.models import Membership, Person, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    kind = Unit.Kind.OFFICE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    code = factory.Sequence(lambda n: f"P{n:04d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {chr(65 + n % 26)}{n}")
    sex = Person.Sex.MALE
    position = "Chuyên viên"
    unit = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-9")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "clerk"


def tree_path(*units):
    """The materialised path of the last unit, through the given ancestors."""
    return "/" + "".join(f"{unit.pk:08d}/" for unit in units)
