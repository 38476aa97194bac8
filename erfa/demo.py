"""Erfa-groups for the demo: the group pages from fixtures/erfa/*.md, and (in development only)
clearly fictional members, meetings and posts, so the portal can be tried end to end.

The group pages are content: the themes the sources propose erfa-groups for, written from the
sources, validated like the other fixtures (messages name file, field and allowed values) and safe
to load anywhere. They are proposed groups: no members, status, meeting rhythm or history, since
no source says such a group exists. Everything else here is invented demo data, flagged
`is_demo` so that pages, calendars and e-mails say «Demodata»: users are called «Demo …» with
@example.org addresses and no usable password, places are marked as made up, and minutes say that
the meeting never took place. `setup_demo_erfa` refuses to create them unless DEBUG is on or
--allow-demo-users is given.

Every step is idempotent: pages are compared with the fixture and only revised when they differ;
users, memberships, meetings (by group and title), posts (by group and text), join requests and
attendance are looked up before anything is created."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.models import CasePage
from content.fixtures import FixtureErrors, check_length, check_summary, read_document
from content.importer import ImportReport
from content.sources import source_documents
from home.setup import ensure_site_structure
from methods.models import MethodPage
from taxonomy import models as tax

from .ical import COPENHAGEN
from .models import (
    Attendance,
    ErfaGroupIndexPage,
    ErfaGroupPage,
    ErfaGroupSource,
    JoinRequest,
    Meeting,
    Membership,
    Post,
    Profile,
)
from .models.meetings import AttendanceChoice
from .models.membership import JoinStatus, Role
from .models.pages import GroupStatus

DEFAULT_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "erfa"

# No municipalities, regions, status or meeting rhythm: a proposed group has none of them, and an
# editor adds them in the admin once the group exists.
GROUP_KEYS = ("title", "summary", "movements", "challenges", "methods", "cases", "sources")
GROUP_SECTIONS = {"Formål": "purpose", "Sådan bliver du medlem": "how_to_join"}

# (page field, taxonomy model or page model); the slugs a fixture may use are those in the DB.
GROUP_RELATIONS = {
    "movements": tax.Movement,
    "challenges": tax.Challenge,
    "methods": MethodPage,
    "cases": CasePage,
}
REQUIRED_RELATIONS = {"movements"}
# Relations a fixture cannot set, kept empty while the group is proposed (see _as_proposed).
PROPOSED_RELATIONS = {"municipalities": tax.Municipality, "regions": tax.Region}


@dataclass
class GroupRecord:
    slug: str
    path: Path
    fields: dict
    m2m: dict  # page field -> sorted slugs
    sources: list  # [(document, locator)]


# --- reading and validating the fixtures -------------------------------------------------------


def _allowed_slugs():
    allowed = {}
    for name, model in GROUP_RELATIONS.items():
        queryset = model.objects.all()
        if name in ("methods", "cases"):
            queryset = queryset.live()
        allowed[name] = set(queryset.values_list("slug", flat=True))
    return allowed


def parse_groups(directory=DEFAULT_DIRECTORY):
    """Parse and validate every fixtures/erfa/*.md; raise FixtureErrors listing every problem.

    Slugs are checked against the database (the taxonomy, methods and cases the pages will
    link to), so `import_content` must have run first."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"Mappen {directory} findes ikke.")
    paths = sorted(directory.glob("*.md"))
    if not paths:
        raise FileNotFoundError(f"Ingen erfa-grupper (*.md) i {directory}.")
    allowed = _allowed_slugs()
    known_sources = set(source_documents())
    records, errors = [], []
    for path in paths:
        doc = read_document(path, GROUP_KEYS, list(GROUP_SECTIONS))
        record = _group_record(doc, allowed, known_sources) if not doc.errors else None
        errors.extend(doc.errors)
        records.append(record)
    if errors:
        raise FixtureErrors(errors)
    return records


def _group_record(doc, allowed, known_sources):
    title = doc.text("title", required=True)
    check_length(doc, "Title", title)
    summary = doc.text("summary", required=True)
    check_summary(doc, summary)
    m2m = {
        name: doc.slugs(name, allowed[name], required=name in REQUIRED_RELATIONS)
        for name in GROUP_RELATIONS
    }
    sources = doc.sources(known_sources)
    html = doc.html_sections(list(GROUP_SECTIONS), required=["Formål"])
    body = "\n".join(doc.sections.values())
    for source in known_sources:
        if source in body:
            doc.fail("## Formål", "teksten må ikke nævne kildefilen; brug «Sources» i hovedet.")
    if doc.errors:
        return None
    fields = {
        "title": title,
        "summary": summary,
        **{name: html.get(heading, "") for heading, name in GROUP_SECTIONS.items()},
    }
    return GroupRecord(doc.slug, doc.path, fields, m2m, sources)


# --- group pages -----------------------------------------------------------------------------


def _snapshot(page, record):
    fields = {name: getattr(page, name) for name in record.fields}
    m2m = {name: sorted(obj.slug for obj in getattr(page, name).all()) for name in record.m2m}
    sources = [(s.document, s.locator) for s in page.sources.all()]
    return fields, m2m, sources


# What a proposed group has none of. Made true on every load until a real (not demo) member
# joins: then the group is the members' and the editors', and these fields are theirs to fill.
PROPOSED_FIELDS = {"status": GroupStatus.FORESLAAET, "meeting_cadence": ""}
PROPOSED_M2M = {"municipalities": [], "regions": []}


def _as_proposed(record, page):
    if page is not None and page.memberships.filter(is_demo=False).exists():
        return record
    return GroupRecord(
        record.slug,
        record.path,
        {**record.fields, **PROPOSED_FIELDS},
        {**record.m2m, **PROPOSED_M2M},
        record.sources,
    )


def upsert_group(index, record, report):
    kind = "erfa-grupper"
    page = ErfaGroupPage.objects.child_of(index).filter(slug=record.slug).first()
    record = _as_proposed(record, page)
    if page is not None:
        unchanged = _snapshot(page, record) == (record.fields, record.m2m, record.sources)
        if unchanged and page.live and not page.has_unpublished_changes:
            report.count("unchanged", kind)
            return page
    is_new = page is None
    page = page or ErfaGroupPage(slug=record.slug)
    for name, value in record.fields.items():
        setattr(page, name, value)
    for name, slugs in record.m2m.items():
        model = GROUP_RELATIONS.get(name) or PROPOSED_RELATIONS[name]
        setattr(page, name, list(model.objects.filter(slug__in=slugs)))
    page.sources = [
        ErfaGroupSource(document=document, locator=locator, sort_order=i)
        for i, (document, locator) in enumerate(record.sources)
    ]
    if is_new:
        index.add_child(instance=page)
    page.save_revision().publish()
    report.count("created" if is_new else "updated", kind)
    return page


def upsert_groups(records, report):
    ensure_site_structure()
    index = ErfaGroupIndexPage.objects.get()
    return [upsert_group(index, record, report) for record in records]


# --- demo members, meetings and posts ----------------------------------------------------------

DEMO_NOTE = "Demodata: opdigtet til at vise portalen."
DEMO_PLACE = "Opdigtet mødested (demodata)"
GENERIC_TOPICS = [
    ("Opstartsmøde", "Hvad arbejder hver kommune med i dag?", "Aftaler om gruppens arbejde"),
    ("Erfaringsudveksling", "Oplæg fra en medlemskommune", "Spørgsmål og svar på tværs"),
    ("Temamøde", "Et tema, gruppen har valgt", "Hvad kan vi bruge hos os?"),
    ("Status og næste skridt", "Hvad har vi lært?", "Praksiseksempler til Praksisbanken"),
]
# Per group (by slug): four meetings as (title, agenda point, agenda point). The first two are
# held before today, the last two after (a closed group only gets the first two).
MEETING_TOPICS = {
    "mestringsforloeb": [
        ("Opstartsmøde: sådan er vores forløb bygget op",
         "Hver kommune fortæller kort om sit forløb: temaer, længde og hvem det er for",
         "Hvad vil vi have ud af gruppen det første år?"),
        ("Borgere med egen erfaring som undervisere",
         "Erfaringer med peer-undervisere og mentorer i forløbene",
         "Rammer for samarbejdet: forberedelse, aflønning og sparring"),
        ("Fra forløb til fællesskab og job",
         "Hvad sker der, når forløbet slutter?",
         "Samarbejdet med jobcenter og foreninger"),
        ("Hvem passer forløbene ikke til?",
         "Borgere, der har haft brug for noget andet",
         "Gruppebaseret og virtuel bostøtte som supplement"),
    ],
    "tidlig-opsporing-i-skolen": [
        ("Opstartsmøde: hvem kan skolen kalde på?",
         "Rejselærere, PPR og skolesocialrådgivere: hvordan er det organiseret hos jer?",
         "Aftaler om gruppens arbejde"),
        ("Fælles sprog mellem skole og familieafdeling",
         "Hvilke ord bruger vi, når vi er bekymrede for et barn?",
         "Eksempler på samarbejde, der lykkedes, og på samarbejde, der gik i stå"),
        ("Elever med autisme og ADHD i almenskolen",
         "Erfaringer med redeklasser og støtte i almenklassen",
         "Samarbejdet mellem specialklasser og almenklasser"),
        ("Fra bekymring til handling",
         "Hvornår bliver en bekymring til en indsats?",
         "Praksiseksempler, vi vil beskrive i Praksisbanken"),
    ],
    "snitfladen-til-behandlingspsykiatrien": [
        ("Opstartsmøde: udskrivninger i praksis",
         "Hvordan foregår udskrivning og overlevering i hver kommune?",
         "Hvilke spørgsmål vil vi stille regionens psykiatri?"),
        ("Akutte og fleksible løsninger",
         "Akut ambulant team og brugerstyrede senge: hvad kan vi lære af dem?",
         "Socialfaglige akuttilbud i kommunerne"),
        ("Fælles møde med regionens psykiatri",
         "Udskrivningsaftaler og koordinationsplaner set fra begge sider",
         "Fælles sprog om ansvar og opgaver"),
        ("Borgere med psykisk sygdom og misbrug",
         "Hvad har medarbejderne brug for at vide?",
         "Kompetenceudvikling på tværs af kommunerne"),
    ],
    "netvaerksmoeder-og-botilbudsteams": [
        ("Opstartsmøde: netværksmøder i vores kommuner",
         "Hvordan bruger hver kommune det fælles koncept for netværksmøder?",
         "Aftaler om gruppens arbejde"),
        ("Botilbudsteams set fra botilbuddet",
         "Samarbejdet mellem botilbud og F-ACT-botilbudsteams",
         "Hvad skal en samarbejdsaftale med et botilbud indeholde?"),
        ("Mødeledelse på netværksmøder",
         "Når borgeren selv er med til at lave dagsordenen",
         "Opfølgning: hvem gør hvad efter mødet?"),
        ("Udskrivningsaftaler ved korte indlæggelser",
         "Hvad kan nås, når indlæggelsen er kort?",
         "Fremskudt sagsbehandling på afdelingen"),
    ],
    "beskaeftigelse-og-ips": [
        ("Opstartsmøde: IPS hos os",
         "Hvor langt er hver kommune med IPS?",
         "Aftaler om gruppens arbejde"),
        ("Koordinerende sagsbehandlere på tværs af lovgivninger",
         "Erfaringer med én borger, ét mål, én plan",
         "Hvad kræver det af ledelse og mandat?"),
        ("Samarbejdet med virksomhederne",
         "Hvordan finder en virksomhed vej ind i kommunen?",
         "Peerstøtte og mentorer som første skridt"),
        ("IPS og F-ACT: samarbejdet med psykiatrien",
         "Fælles møder med borgeren om job og behandling",
         "Hvad vil vi beskrive som praksiseksempel?"),
    ],
    "samspil-med-civilsamfundet": [
        ("Opstartsmøde: hvor møder vores borgere foreningslivet?",
         "Hver kommune fortæller om sit samarbejde med foreninger",
         "Aftaler om gruppens arbejde"),
        ("Netværkscaféer og uvisiterede tilbud",
         "Erfaringer med netværkscaféer og åbne fællesskaber",
         "Hvordan bygger vi bro til foreningerne?"),
        ("Recovery-mentorer og overblik over lokale tilbud",
         "Hvordan skaffer vi overblik over tilbuddene i civilsamfundet?",
         "Mentorer, der følger borgeren de første gange"),
        ("Kommuner og frivillige: supplere frem for at overtage",
         "Hvad kan frivillige, som kommunen ikke kan, og omvendt?",
         "Besøg hos en forening: planlægning"),
    ],
    "skaeve-boliger-og-eftervaern": [
        ("Opstartsmøde: boløsninger til hjemløse hos os",
         "Hvilke boløsninger har hver kommune i dag?",
         "Aftaler om gruppens arbejde"),
        ("Skæve boliger: erfaringer og spørgsmål",
         "Skæve boliger til borgere med misbrug",
         "Hvem hjælper en borger, der flytter mellem kommuner?"),
        ("Efterværn efter forsorgshjem",
         "Mentorer, der følger borgeren efter flytningen",
         "Hvad kræver det af samarbejdet med forsorgshjemmet?"),
        ("Kompetenceløft på tilbuddene",
         "Hvad har medarbejderne brug for at vide?",
         "Praksiseksempler, vi vil beskrive i Praksisbanken"),
    ],
}  # fmt: skip
PAST_OFFSETS = (-84, -35)  # days from today, active groups
FUTURE_OFFSETS = (14, 56)
CLOSED_OFFSETS = (-240, -180)  # a closed group's two meetings, well in the past
MEETING_WEEKDAYS = (1, 2, 3)  # Tuesday to Thursday


def _agenda(points):
    first, second = points
    return "\n".join(
        [
            "1. Velkomst og kort runde: hvad er nyt hos jer siden sidst?",
            f"2. {first}",
            f"3. {second}",
            "4. Erfaringsudveksling i mindre grupper",
            "5. Aftaler og næste møde",
        ]
    )


def _minutes(title):
    return "\n".join(
        [
            f"*{DEMO_NOTE} Mødet har ikke fundet sted.*",
            "",
            "- Hver kommune fortalte kort om sin status på temaet.",
            f"- Drøftelse af «{title}»: deltagerne delte spørgsmål og erfaringer. "
            "Materiale lægges i gruppens opslag.",
            "- Aftale: koordinatoren samler spørgsmålene til næste møde.",
        ]
    )


def _meeting_day(today, offset, weekday):
    day = today + datetime.timedelta(days=offset)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _at(day, hour, minute):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=COPENHAGEN)


def _demo_user(username, last_name, report):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": "Demo",
            "last_name": last_name,
            "email": f"{username}@example.org",
            "is_staff": False,
            "is_superuser": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        report.count("created", "demo-brugere")
    else:
        report.count("unchanged", "demo-brugere")
    # No municipality: a made-up person is never shown as working for a real one.
    Profile.objects.get_or_create(user=user)
    return user


def _membership(group, user, role, report):
    existed = Membership.objects.filter(group=group, user=user).exists()
    Membership.add(group, user, role=role, is_demo=True)
    report.count("unchanged" if existed else "created", "medlemskaber")


def _get_or_create(model, kind, report, defaults=None, **lookup):
    obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
    report.count("created" if created else "unchanged", kind)
    return obj


def ensure_demo_activity(groups, report, today=None):
    """Demo users, memberships, a pending join request, meetings, attendance and posts."""
    today = today or timezone.localdate()
    member_number = 0
    applicant = None
    open_groups = [g for g in groups if g.is_open]
    for index, group in enumerate(groups):
        coordinator = _demo_user(
            f"demo-koordinator-{index + 1}", f"Koordinator {index + 1}", report
        )
        _membership(group, coordinator, Role.COORDINATOR, report)
        members = []
        for _ in range(2 + index % 3):  # two to four members besides the coordinator
            member_number += 1
            member = _demo_user(f"demo-medlem-{member_number}", f"Medlem {member_number}", report)
            _membership(group, member, Role.MEMBER, report)
            members.append(member)
        meetings = _ensure_meetings(group, index, today, report)
        _ensure_attendance(meetings, coordinator, members, today, report)
        _ensure_posts(group, coordinator, members, report)
    for group in open_groups[:2]:
        if applicant is None:
            applicant = _demo_user("demo-ansoeger-1", "Ansøger 1", report)
        _ensure_join_request(group, applicant, report)
    return report


def _ensure_meetings(group, index, today, report):
    topics = MEETING_TOPICS.get(group.slug, GENERIC_TOPICS)
    weekday = MEETING_WEEKDAYS[index % len(MEETING_WEEKDAYS)]
    offsets = PAST_OFFSETS + FUTURE_OFFSETS if group.is_open else CLOSED_OFFSETS
    meetings = []
    for number, (offset, (title, *points)) in enumerate(zip(offsets, topics, strict=False)):
        day = _meeting_day(today, offset, weekday)
        in_person = number % 2 == 0
        starts = _at(day, 9, 30) if in_person else _at(day, 13, 0)
        ends = _at(day, 12, 0) if in_person else _at(day, 14, 30)
        past = offset < 0
        defaults = {
            "starts_at": starts,
            "ends_at": ends,
            "place": DEMO_PLACE if in_person else "",
            "online_url": "" if in_person else f"https://moede.example.org/erfa/{group.slug}",
            "agenda": _agenda(points),
            "minutes": _minutes(title) if past else "",
            # Minutes are members-only; the first group shows that a coordinator may publish.
            "minutes_public": past and number == 1 and index == 0,
            # The second future meeting is members-only in every other group.
            "members_only": number == 3 and index % 2 == 0,
            "is_demo": True,
        }
        meeting = _get_or_create(Meeting, "møder", report, defaults, group=group, title=title)
        meetings.append(meeting)
    return meetings


def _ensure_attendance(meetings, coordinator, members, today, report):
    upcoming = [m for m in meetings if timezone.localdate(m.starts_at) >= today]
    if not upcoming:
        return
    meeting = upcoming[0]
    answers = [(coordinator, AttendanceChoice.YES)]
    answers += [
        (member, AttendanceChoice.YES if i % 2 == 0 else AttendanceChoice.NO)
        for i, member in enumerate(members[:2])
    ]
    for user, status in answers:
        _get_or_create(
            Attendance, "tilmeldinger", report, {"status": status}, meeting=meeting, user=user
        )


def _ensure_posts(group, coordinator, members, report):
    if group.is_open:
        public_text = (
            f"Velkommen til {group.title}. Gruppens næste møder står under «Møder», og "
            "medarbejdere i kommunerne er velkomne til at søge om medlemskab. "
            f"({DEMO_NOTE})"
        )
    else:
        public_text = (
            f"{group.title} er afsluttet. Møderne og gruppens beskrivelse ligger her til "
            f"inspiration. ({DEMO_NOTE})"
        )
    _get_or_create(
        Post,
        "opslag",
        report,
        {"author": coordinator, "public": True, "is_demo": True},
        group=group,
        parent=None,
        body=public_text,
    )
    question = _get_or_create(
        Post,
        "opslag",
        report,
        {"author": members[0], "public": False, "is_demo": True},
        group=group,
        parent=None,
        body=(
            "Spørgsmål til gruppen: Har nogen af jer materiale fra jeres eget arbejde med "
            f"temaet, som I vil dele før næste møde? ({DEMO_NOTE})"
        ),
    )
    _get_or_create(
        Post,
        "opslag",
        report,
        {"author": coordinator, "public": False, "is_demo": True},
        group=group,
        parent=question,
        body=f"Tak for spørgsmålet. Jeg tager det med på dagsordenen. ({DEMO_NOTE})",
    )


def _ensure_join_request(group, applicant, report):
    if (
        group.is_member(applicant)
        or JoinRequest.objects.filter(group=group, user=applicant).exists()
    ):
        report.count("unchanged", "anmodninger")
        return
    JoinRequest.objects.create(
        group=group,
        user=applicant,
        status=JoinStatus.PENDING,
        is_demo=True,
        motivation=(
            "Jeg arbejder med temaet i min kommune og vil gerne dele erfaringer med jer. "
            f"({DEMO_NOTE})"
        ),
    )
    report.count("created", "anmodninger")


@transaction.atomic
def setup_demo_erfa(directory=DEFAULT_DIRECTORY, with_demo_data=True, today=None):
    """Load the group pages and, if asked, the demo data. One transaction: all or nothing."""
    records = parse_groups(directory)
    report = ImportReport()
    groups = upsert_groups(records, report)
    if with_demo_data:
        ensure_demo_activity(groups, report, today=today)
    return report, groups
