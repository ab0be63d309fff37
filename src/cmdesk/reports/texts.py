"""The reports' words in English and French. The command line has no Qt translator, so the reports keep their own
table: English is the key, `FRENCH` its translation (tests/unit/test_reports.py checks every text used has one)."""

from __future__ import annotations

from datetime import date, datetime

FRENCH = {
    "Report for management": "Rapport pour la direction",
    "Period": "Période",
    "Generated": "Établi le",
    "Messages received": "Messages reçus",
    "Messages sent": "Messages envoyés",
    "Conversations": "Conversations",
    "Answered": "Répondues",
    "Unanswered": "Sans réponse",
    "Median first response": "Première réponse (médiane)",
    "90th percentile first response": "Première réponse (90e centile)",
    "Within target": "Dans l'objectif",
    "First-response target": "Objectif de première réponse",
    "in business hours": "en heures ouvrées",
    "none": "aucun",
    "Totals and response times": "Totaux et temps de réponse",
    "Volume per day": "Volume par jour",
    "Sentiment over time": "Sentiment dans le temps",
    "Busiest hours": "Heures les plus chargées",
    "Top terms": "Termes les plus fréquents",
    "Top contacts": "Contacts les plus actifs",
    "Notable conversations": "Conversations marquantes",
    "Most negative": "Les plus négatives",
    "Longest unanswered": "Sans réponse depuis le plus longtemps",
    "Busiest": "Les plus actives",
    "Posts published": "Publications",
    "Favourites": "Favoris",
    "Boosts": "Partages",
    "Replies": "Réponses",
    "Bad-buzz alerts": "Alertes de bad buzz",
    "For management": "Pour la direction",
    "Field information flagged for management, with its note.": (
        "Informations de terrain signalées pour la direction, avec leur note."
    ),
    "Nothing in this period.": "Rien sur cette période.",
    "By teammate": "Par membre de l'équipe",
    "Conversations of the period by the teammate they are assigned to.": (
        "Conversations de la période selon le membre de l'équipe à qui elles sont assignées."
    ),
    "Nobody": "Personne",
    "Still waiting": "Toujours en attente",
    "Negative": "Négatif",
    "Neutral": "Neutre",
    "Positive": "Positif",
    "Not judged": "Non évalué",
    "messages": "messages",
    "Day": "Jour",
    "Hour": "Heure",
    "Who": "Qui",
    "Subject": "Sujet",
    "Network": "Réseau",
    "Waiting": "En attente",
    "Status": "Statut",
    "Sentiment": "Sentiment",
    "All conversations": "Toutes les conversations",
    "First message": "Premier message",
    "First response": "Première réponse",
    "Answered within target": "Réponses dans l'objectif",
    "and {n} more in the CSV export": "et {n} de plus dans l'export CSV",
    "Mon": "lun",
    "Tue": "mar",
    "Wed": "mer",
    "Thu": "jeu",
    "Fri": "ven",
    "Sat": "sam",
    "Sun": "dim",
    "Text": "Texte",
    "Published": "Publiée",
    "Started": "Début",
    "Explanation": "Explication",
    "Note": "Note",
    "Web": "Web",
    "E-mail": "E-mail",
    "Posts": "Publications",
    "Comments": "Commentaires",
    "Mentions": "Mentions",
    "Direct messages": "Messages privés",
    "E-mails": "E-mails",
    "Other": "Autres",
}
NETWORKS = {"feed": "Web", "mastodon": "Mastodon", "email": "E-mail", "youtube": "YouTube"}
"""A network's name in a report where its id, capitalised, would not say it (reports know no registry: DESIGN's
layers)."""
KINDS = {
    "feed": "Posts",
    "comment": "Comments",
    "mention": "Mentions",
    "message": "Direct messages",
    "email": "E-mails",
}
"""What a conversation is, as a report's chart and tables name it."""
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Words:
    """`words("Period")` in the report's language."""

    def __init__(self, language: str = "en", *, printed: bool = True) -> None:
        self.language = "fr" if language.lower().startswith("fr") else "en"
        self.printed = printed
        """For paper (hatching that survives black-and-white printing), or for the screen (colour alone: the window
        draws its charts in a third of the time)."""

    def __call__(self, text: str) -> str:
        return FRENCH.get(text, text) if self.language == "fr" else text

    def day(self, value: date) -> str:
        return value.strftime("%d/%m/%Y") if self.language == "fr" else value.isoformat()

    def short_day(self, value: date) -> str:
        """A day on a chart's axis: "26/11" in French, "Nov 26" in English."""
        if self.language == "fr":
            return value.strftime("%d/%m")
        return f"{ENGLISH_MONTHS[value.month - 1]} {value.day}"

    def moment(self, value: datetime) -> str:
        return value.strftime("%d/%m/%Y %H:%M") if self.language == "fr" else value.strftime("%Y-%m-%d %H:%M")

    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        return text.replace(",", "\u202f").replace(".", ",") if self.language == "fr" else text

    def duration(self, seconds: float | None) -> str:
        """ "45 min", "3 h 20", "2 d 4 h" ("2 j 4 h" in French); "—" for none."""
        if seconds is None:
            return "—"
        minutes = int(round(seconds / 60))
        if minutes < 60:
            return f"{minutes} min"
        hours, rest = divmod(minutes, 60)
        if hours < 48:
            return f"{hours} h {rest:02d}" if rest else f"{hours} h"
        days, hours = divmod(hours, 24)
        unit = "j" if self.language == "fr" else "d"
        return f"{days} {unit} {hours} h" if hours else f"{days} {unit}"

    def series(self, network: str, kind: str) -> str:
        """ "Mastodon · Mentions", "Web · Comments", "E-mail" (an e-mail account's e-mails)."""
        if not network and not kind:
            return self("Other")
        name = self(NETWORKS.get(network, network.capitalize()))
        if network == "email" and kind == "email":
            return name
        return f"{name} · {self(KINDS.get(kind, kind.capitalize()))}"

    def sentiment(self, label: str) -> str:
        return self({"negative": "Negative", "neutral": "Neutral", "positive": "Positive"}.get(label, "Not judged"))


__all__ = ["FRENCH", "KINDS", "NETWORKS", "WEEKDAYS", "Words"]
