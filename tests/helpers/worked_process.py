"""A fully worked process in the shape of Ragunda's Trampolinen, built through the data functions.

Shared by the document tests and bench/export.py. The texts follow Ragunda's project description
(Ragunda kommun, "Ragunda Trampolinen – behandlande skola"); no real children appear.
"""

import datetime as dt

from sqlmodel import Session

from toolkit.circles import changes
from toolkit.content import Content
from toolkit.documents import budget, store
from toolkit.kinds import casepaths, surveys, voting
from toolkit.models import Process, User
from toolkit.processes import data as processes
from toolkit.room import answering, joining, steering
from toolkit.vignettes import grouping

ORGANISATIONS = ["Skola/elevhälsa", "Socialtjänst (IFO)", "Hälso- och sjukvård"]
CIRCLES = (
    ORGANISATIONS,
    {
        "a": ["Elevhälsoteam", "Anpassningar"],
        "b": ["Familjebehandling"],
        "c": ["Samtalsstöd"],
        "ab": ["Ragunda Trampolinen"],
        "abc": ["SIP"],
    },
)
ANSWERS = {
    "ovning-1": [
        ("varfor", "Skola och IFO arbetar i två spår: skolan med eleven, IFO med familjen."),
        ("hur-mar-eleverna", "Oro och frånvaro märks redan i de lägre årskurserna."),
        ("vad-onskas-uppnas", "Behörighet till gymnasiet för barnen som deltar."),
        ("samverkan-idag", "Samverkansträffar skola–IFO några gånger per termin."),
        ("samverkan-nytt-arbetssatt", "Gemensamma mål och metoder för elev och familj."),
    ],
    "ovning-2": [("utmaningar", "Barnen hamnar mellan verksamheterna.")],
    "ovning-3": [
        ("framjande", "Trygghetsarbete och rastaktiviteter"),
        ("forebyggande", "Föräldrastödsprogram i grupp"),
        ("atgardande", "Familjebehandling i hemmet"),
    ],
    "beslut-om-att-ga-vidare": [
        ("forankring", "Styrgruppen förankrar i respektive ledningsgrupp."),
        ("kort-beskrivning", "Behandlande skola där skola och IFO arbetar med hela familjen."),
    ],
}
MODEL_TEXTS = {
    "malgrupp": "Barn i förskola samt elever i grundskola till och med årskurs tre och deras "
    "familjer, vilket inkluderar föräldrar och syskon.",
    "kriterier": "- På initiativ från föräldrar\n- På initiativ av förskola/grundskola/IFO: "
    "oro som varat över tid",
    "kortsiktiga-mal": "- Två familjer aktiva under projekttiden\n- Ett informationsmöte i "
    "grundskolan under hösten",
}
FORUMS = {
    "styrgrupp": (
        "Verksamhetschef elevhälsan, biträdande IFO-chef",
        "En gång per månad",
        "Initierar möjliga elever och familjer",
    ),
    "arbetsgrupp": (
        "Skolsocionom, behandlingsassistent",
        "Varannan vecka",
        "Utvecklar arbetssättet",
    ),
    "beslutsforum": (
        "Styrgruppen, rektor, socialsekreterare i ärendet",
        "Vid behov",
        "Bistånd enligt socialtjänstlagen 4 kap. 1 §",
    ),
}
STEPS = {
    "forberedelser": (
        "Elev, föräldrar, lärare, skolsocionom, rektor, behandlingsassistent",
        "Rektor och socialsekreterare",
        "Skolan upprättar handlingsplan, IFO vårdplan.",
    ),
    "beslutstillfalle": (
        "Rektor, socialsekreterare, styrgruppen",
        "Styrgruppen",
        "Beslut att bevilja insatsen.",
    ),
    "genomforande": (
        "Elev, föräldrar, skola och IFO",
        "Rektor och socialsekreterare",
        "Gemensamma uppföljningar en gång i månaden.",
    ),
    "avslut": ("Alla involverade", "Rektor och socialsekreterare", "Formellt avslut."),
    "uppfoljning": ("Familjen", "Socialsekreterare och rektor", "Kontakt efter tre månader."),
    "internt-avslut": ("Personal och styrgrupp", "Styrgruppen", "Egenlärande."),
}


def build_trampolinen(
    session: Session, content: Content, owner: User, *, rounds: int = 1
) -> Process:
    """A process with Workshop 1 answered (`rounds` times over), every document part filled in."""
    process = processes.create_process(
        session, owner, "Ragunda Trampolinen", "Ragunda kommun", ORGANISATIONS
    )
    organisations = processes.organisations_of(session, process)
    workshop = content.workshop("workshop-1")
    steering.start_workshop(session, process, workshop)
    for round_number in range(rounds):
        for exercise_key, answers in ANSWERS.items():
            exercise = workshop.exercise(exercise_key)
            for index, (question, text) in enumerate(answers):
                suffix = f" (runda {round_number + 1})" if rounds > 1 else ""
                answering.add_answer(
                    session,
                    process,
                    workshop,
                    exercise,
                    question,
                    text + suffix,
                    organisation_id=organisations[index % 3].id,
                )
    for key, text in MODEL_TEXTS.items():
        store.save_section(session, process, "modell", key, text)
    for key, (who, when, what) in FORUMS.items():
        store.save_model_part(session, process, "forum", key, who, when, what)
    for key, (who, lead, what) in STEPS.items():
        store.save_model_part(session, process, "step", key, who, lead, what)
    store.add_goal(
        session,
        process,
        "Deltagarna har behörighet till gymnasiet",
        "lang",
        "Utvärderas från år 4",
        "2029-06-30",
    )
    store.add_goal(
        session, process, "Två familjer aktiva", "kort", "Årlig utvärdering", "2026-06-30"
    )
    store.add_activity(
        session,
        process,
        "Problembeskrivning och behovsanalys",
        "2026-01-01",
        "2026-03-31",
        "Arbetsgruppen",
        "klar",
    )
    store.add_activity(
        session,
        process,
        "Förankring och beslut",
        "2026-03-01",
        "2026-05-31",
        "Styrgruppen",
        "pagar",
    )
    store.add_activity(
        session,
        process,
        "Prova modellen",
        "2026-08-15",
        "2027-06-15",
        "Skolsocionom och behandlingsassistent",
    )
    store.save_section(
        session,
        process,
        "tjansteskrivelse",
        "forslag-till-beslut",
        "Kommunstyrelsen föreslås besluta att permanenta Ragunda Trampolinen.",
    )
    store.save_section(
        session,
        process,
        "tjansteskrivelse",
        "beredande-handlaggare",
        "Gun Valli, verksamhetschef, Individ- och familjeomsorgen",
    )
    budget.add_budget_line(
        session, process, "kostnad", "personal", "Behandlingsassistent", "480 000", "1,0"
    )
    budget.add_budget_line(
        session, process, "kostnad", "personal", "Skolsocionom", "240 000", "0,50"
    )
    budget.add_budget_line(session, process, "kostnad", "utbildning", "Handledning", "40 000")
    budget.add_budget_line(session, process, "finansiering", "egen-insats", "Kommunen", "380 000")
    budget.add_budget_line(session, process, "finansiering", "bidrag", "Sökt bidrag", "380 000")
    return process


TODAY = dt.date(2026, 5, 14)


GROUPS = ["radsla-oro-angest", "besvarlig-hemsituation"]
WORKSHOP_2 = {
    "ovning-4a": [
        ("vem-gor-vad", "radsla-oro-angest", "Skolkuratorn har stödsamtal med eleven."),
        ("vem-gor-vad", "besvarlig-hemsituation", "Familjebehandlaren arbetar i hemmet."),
    ],
    "ovning-4b": [
        ("barn-kontakt", "radsla-oro-angest", "Eleven vänder sig till mentorn eller kuratorn."),
        ("foraldrar-kontakt", "besvarlig-hemsituation", "Föräldrar ringer skolsocionomen."),
        ("vem-kartlagger", "radsla-oro-angest", "Skolsköterskan gör en första bedömning."),
        ("samtycke", "besvarlig-hemsituation", "Samtycke inhämtas skriftligt av rektor."),
        ("hur-utfors", "besvarlig-hemsituation", "Behandlingsassistenten träffar familjen."),
        ("skolkuratorns-roll", "radsla-oro-angest", "Kuratorn leder samtalsgruppen."),
        ("delaktighet", "radsla-oro-angest", "Eleven är med och sätter målen."),
        ("vem-foljer-upp", "besvarlig-hemsituation", "Rektor och socialsekreterare följer upp."),
    ],
    "ovning-5": [
        ("remissvagar", None, "Remiss till BUP skrivs tillsammans med vårdnadshavare."),
        ("avvikelser", None, "Avvikelser lyfts i arbetsgruppen varannan vecka."),
    ],
}
CASE_PATHS = {
    "radsla-oro-angest": [
        ("Mentorn uppmärksammar oro och frånvaro", "Mentor"),
        ("Elevhälsoteamet gör en första bedömning", "Skolkurator"),
        ("Samtalsstöd i skolan, uppföljning efter sex veckor", "Skolkurator"),
    ],
    "besvarlig-hemsituation": [
        ("Skolan och IFO träffar familjen tillsammans", "Rektor"),
        ("Beslut om Trampolinen i beslutsforum", "Beslutsforum"),
    ],
}
WORKSHOP_3 = {
    "ovning-7": [
        ("vilken-information", "Vad Trampolinen är och hur man tar kontakt."),
        ("hur-spridas", "Informationsmöte i förskolan och grundskolan under hösten."),
    ],
    "prova-i-praktiken": [("prova-modellen", "Två familjer under läsåret.")],
}
SURVEY = {"kontakt": "Via mentorn", "delaktiga": "Ja, vi fick vara med och bestämma"}
VIGNETTE_ANSWERS = [
    ("forsta-bedomning", "Skolsköterskan och kuratorn tillsammans"),
    ("barnet", "Att bli lyssnad på och få veta vad som händer"),
    ("samverkansaktorer", "BUP och ungdomsmottagningen"),
]
INSATSER = [
    ("Elevhälsoteam", "a"),
    ("Familjebehandling", "b"),
    ("Samtalsstöd", "c"),
    ("Ragunda Trampolinen", "ab"),
    ("SIP", "abc"),
]


def work_workshops_2_and_3(session: Session, content: Content, process: Process) -> None:
    """Run Workshop 2 and 3 on a process through the data functions, and fill the circles."""
    organisations = processes.organisations_of(session, process)
    people = [
        joining.join(session, process, org.id, name)
        for org, name in zip(organisations, ["Anna", "Bo", "Cecilia"], strict=True)
    ]
    for text, region in INSATSER:
        changes.add_insats(session, process, text, region)
    workshop = content.workshop("workshop-2")
    steering.start_workshop(session, process, workshop)
    vote = workshop.exercise("ovning-4a")
    for person, group in zip(people, GROUPS + GROUPS[:1], strict=True):
        voting.cast_vote(session, content, process, workshop, vote, person, group)
    voting.choose_groups(session, content, process, vote, GROUPS)
    for exercise_key, answers in WORKSHOP_2.items():
        exercise = workshop.exercise(exercise_key)
        for index, (question, group, text) in enumerate(answers):
            answering.add_answer(
                session,
                process,
                workshop,
                exercise,
                question,
                text,
                participant=people[index % 3],
                target_group=group,
            )
    grouping.create_groups(session, process, 1)
    grouping.assign_mixed(session, process)
    [group] = grouping.groups_of(session, process)
    grouping.give_vignette(session, content, process, group, "01-kalle-5")
    for question, text in VIGNETTE_ANSWERS:
        grouping.add_group_answer(session, content, group, people[0], question, text)
    workshop = content.workshop("workshop-3")
    steering.start_workshop(session, process, workshop)
    for target_group, steps in CASE_PATHS.items():
        for text, actor in steps:
            casepaths.add_step(session, process, target_group, text, actor)
    for exercise_key, answers in WORKSHOP_3.items():
        exercise = workshop.exercise(exercise_key)
        for question, text in answers:
            answering.add_answer(
                session, process, workshop, exercise, question, text, participant=people[1]
            )
    trial = workshop.exercise("prova-i-praktiken")
    part = trial.survey("vardnadshavare-elever")
    survey = surveys.open_survey(session, process, workshop, trial, part)
    surveys.respond(session, survey, part, SURVEY)
