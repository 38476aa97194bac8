"""Front-end forms of erfa-groups. Labels, help and errors in Danish."""

from django import forms

from cases.models import CasePage
from content.models import SummaryMixin
from taxonomy.models import Movement, Municipality

from .models import JoinRequest, Post
from .models.meetings import AttendanceChoice


class JoinForm(forms.Form):
    motivation = forms.CharField(
        label="Hvorfor vil du være med?",
        help_text=(
            f"Skriv kort om dit arbejde og hvad du vil dele eller lære. "
            f"Højst {JoinRequest.MOTIVATION_MAX} tegn. Koordinatoren læser den."
        ),
        max_length=JoinRequest.MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Skriv en kort motivation.",
            "max_length": (
                f"Motivationen må højst være {JoinRequest.MOTIVATION_MAX} tegn "
                "(den er %(show_value)d tegn)."
            ),
        },
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label="Skriv et opslag",
        help_text=(
            f"En kort opdatering eller et spørgsmål til gruppen. Du kan bruge Markdown "
            f"(fx **fed**, *kursiv*, lister og links). Højst {Post.BODY_MAX} tegn."
        ),
        max_length=Post.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Opslaget er tomt. Skriv noget, før du sender det.",
            "max_length": (
                f"Opslaget må højst være {Post.BODY_MAX} tegn (det er %(show_value)d tegn)."
            ),
        },
    )


class ReplyForm(PostForm):
    body = forms.CharField(
        label="Dit svar",
        max_length=Post.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Svaret er tomt. Skriv noget, før du sender det.",
            "max_length": (
                f"Svaret må højst være {Post.BODY_MAX} tegn (det er %(show_value)d tegn)."
            ),
        },
    )


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        choices=AttendanceChoice.choices,
        error_messages={
            "required": "Vælg, om du kommer eller ej.",
            "invalid_choice": "Ukendt svar. Vælg »Kommer« eller »Kommer ikke«.",
        },
    )


SUMMARY_MAX = SummaryMixin._meta.get_field("summary").max_length
TITLE_MAX = CasePage._meta.get_field("title").max_length


class ProposeCaseForm(forms.Form):
    title = forms.CharField(
        label="Titel",
        max_length=TITLE_MAX,
        help_text="Et kort navn på indsatsen, fx »Fælles mestringsforløb på tværs af kommuner«.",
        error_messages={"required": "Giv eksemplet en titel."},
    )
    summary = forms.CharField(
        label="Resumé",
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Kort beskrivelse i klart sprog, højst {SUMMARY_MAX} tegn. Vises i lister.",
        error_messages={
            "required": "Skriv et kort resumé.",
            "max_length": (
                f"Resuméet må højst være {SUMMARY_MAX} tegn (det er %(show_value)d tegn)."
            ),
        },
    )
    description = forms.CharField(
        label="Beskrivelse",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "Hvad gør I, for hvem, og hvad har I lært? Også det, der ikke virkede. "
            "Du kan bruge Markdown. Redaktionen gennemgår teksten, før den bliver offentlig."
        ),
        error_messages={
            "required": "Beskriv erfaringen.",
            "max_length": "Beskrivelsen må højst være %(limit_value)d tegn.",
        },
    )
    movements = forms.ModelMultipleChoiceField(
        label="Bevægelser",
        queryset=Movement.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text="Vælg mindst én af de syv bevægelser, som erfaringen hører til.",
        error_messages={
            "required": "Vælg mindst én bevægelse.",
            "invalid_choice": "Ukendt bevægelse: %(value)s.",
        },
    )
    municipality = forms.ModelChoiceField(
        label="Din kommune",
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        empty_label="Vælg kommune",
        help_text="Praksiseksemplet bliver ejet af den kommune, du arbejder i.",
        error_messages={
            "required": "Vælg den kommune, du arbejder i. Den bliver ejer af praksiseksemplet.",
            "invalid_choice": "Ukendt kommune. Vælg en kommune fra listen.",
        },
    )
