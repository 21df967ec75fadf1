"""Every model of the awards app, re-exported from the subdomain that owns it.

Django and the migrations know one app, `awards`; the code lives in one folder per subdomain.
"""

from awards.campaigns.models import (  # noqa: F401
    Campaign,
    CampaignDocument,
    CampaignQuerySet,
    campaign_document_path,
)
from awards.catalogue.models import AwardType, CommendationType  # noqa: F401
from awards.certificates.models import (  # noqa: F401
    Certificate,
    CertificateCounter,
    CertificateTemplate,
    PrinterOffset,
)
from awards.council.models import (  # noqa: F401
    AgendaItem,
    Ballot,
    CouncilMember,
    CouncilSession,
    Recusal,
)
from awards.decisions.models import (  # noqa: F401
    BaseSalary,
    Decision,
    DecisionCounter,
    DecisionLine,
    Revocation,
    RevocationFlag,
)
from awards.documents.models import SigningKey, key_storage  # noqa: F401
from awards.history.models import (  # noqa: F401
    RATING_RANK,
    AnnualRating,
    AwardRecord,
    Cluster,
    ClusterMember,
    Hold,
    Initiative,
    Rating,
    SubjectMixin,
)
from awards.nominations.models import (  # noqa: F401
    DossierDocument,
    Nomination,
    NominationQuerySet,
    dossier_path,
)
from awards.proposals.models import Proposal, ProposalLine  # noqa: F401
from awards.publicity.models import (  # noqa: F401
    DayOff,
    PublicComment,
    PublicNotice,
    PublicNoticeEntry,
    new_public_token,
)
from awards.registrations.models import (  # noqa: F401
    Registration,
    RegistrationLine,
    RegistrationQuerySet,
)
