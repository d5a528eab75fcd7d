"""The guide's own words in the content: full guidance per document section, links well-formed.

The key sentences below were checked against SKR (2023) "Att utveckla en förstärkt samverkan med
tidiga insatser för psykisk hälsa" (Förslag på innehåll i beslutsunderlag; Upprätta en
handlingsplan); the test needs no copy of the guide.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from toolkit.config import ROOT

SECTION_SENTENCES = {
    ("beslutsunderlag", "bakgrund"): [
        "Kortare beskrivning av problemformulering, behovsanalys och vinster med modellen."
    ],
    ("beslutsunderlag", "malbeskrivning"): [
        "Beskrivning av vad som ska uppnås.",
        "Tänk på att mål ska formuleras så att de kan följas upp och vara så konkreta som möjligt.",
    ],
    ("beslutsunderlag", "styrning-och-ledning"): [
        "Beskriv kort hur arbetet ska styras och ledas.",
        "Det behövs en styrgrupp där chefer från respektive verksamhet ingår samt processledare "
        "och arbetsgrupp.",
        "I arbetsgruppen ingår personer som arbetar praktiskt i skola/elevhälsa, hälso- och "
        "sjukvård och socialtjänst.",
        "Styrgruppen har mandat att utifrån arbetsgruppens underlag fatta beslut.",
        "Processledaren ska vara en länk mellan styrgrupp och arbetsgrupp och ingå i båda "
        "grupperna.",
    ],
    ("beslutsunderlag", "resurser"): [
        "Beskriv de personella resurser som respektive aktör bidrar för att arbeta i "
        "samverkansmodellen.",
        "Hur ska processledare finansieras? Vilka lokaler ska användas?",
    ],
    ("beslutsunderlag", "tillganglighet"): [
        "Beskriv hur elever, föräldrar och andra lätt kan få kontakt med de som arbetar på det "
        "nya arbetssättet."
    ],
    ("beslutsunderlag", "samarbete-och-samverkan"): [
        "Beskriv kort hur samarbete och samverkan ska gå till med verksamheter som inte arbetar "
        "praktiskt i samverkansmodellen."
    ],
    ("beslutsunderlag", "insatser"): [
        "Beskriv kort vilken hjälp och vilket stöd som ska ges inom ramen för samverkansmodellen "
        "samt hur övrig skolpersonal och vårdnadshavare får information om modellen."
    ],
    ("beslutsunderlag", "delaktighet"): ["Beskriv hur barn ska involveras i utvecklingsarbetet."],
    ("beslutsunderlag", "dokumentation-och-sekretess"): [
        "Beskriv kort hur dokumentation och sekretess ska hanteras."
    ],
    ("beslutsunderlag", "uppfoljning-och-utvardering"): [
        "Beskriv hur modellen ska följas upp och utvärderas.",
        "Detta kan till exempel ske i enkätform till barn, föräldrar och personal.",
    ],
    ("beslutsunderlag", "tidsperiod"): [
        "Beskriv under vilken tid utvecklingsarbetet och implementering av det nya arbetssättet "
        "ska pågå."
    ],
    ("handlingsplan", "mal"): [
        "Vilka mål styr insatser och aktiviteter?",
        "Undvik svepande och allmänt hållna mål.",
    ],
    ("handlingsplan", "ledning-och-styrning"): [
        "Hur leds utvecklingsarbetet?",
        "Se beskrivning i det redan framtagna beslutsunderlaget under rubrik ”Styrning och "
        "ledning”.",
    ],
    ("handlingsplan", "tidplan"): [
        "Tidplanen visar vad som ska ske när i utvecklingsarbetet, vilka aktiviteter som ska "
        "påbörjas och när de ska avslutas samt vilka som behöver löpa parallellt."
    ],
    ("handlingsplan", "tillganglighet"): [
        "Det ska vara lätt att få kontakt med de som arbetar i den förstärkta samverkan.",
        "Exempel på frågor att diskutera och ta ställning till:",
        "På vilket sätt kan elever själva ta kontakt?",
        "Ska det finnas en eller flera personer som elever kan vända sig till?",
        "Hur ska elever veta vilken hjälp som finns och vem de kan kontakta?",
        "Hur ska föräldrar veta vem de kan kontakta?",
        "Hur kontaktar andra verksamheter de som arbetar i modellen?",
        "Ska det exempelvis finnas ett gemensamt telefonnummer, ”drop-in” tider för fysiska besök, "
        "kontakt via e-post, annan digital ingång eller andra sätt?",
    ],
    ("handlingsplan", "samarbete-och-samverkan"): [
        "Samarbete definieras som gemensamt bedrivet arbete som gäller en avgränsad uppgift och "
        "samverkan definieras som övergripande gemensamt handlande på organisatoriskt plan för "
        "ett visst syfte.",
        "barn- och ungdomspsykiatrin, barn- och ungdomshabiliteringen, barnkliniken och "
        "ungdomsmottagningen.",
        "Beskriv hur ni ska arbeta med samordnad individuell plan, SIP.",
    ],
    ("handlingsplan", "bedomning"): [
        "Vilka kartläggningsmetoder och bedömningsmetoder ska användas och vem som ska utföra dem?",
        "Det är viktigt att barnet redan från början görs delaktig i det som sker och att barnet "
        "har inflytande tillsammans med de vuxna över de beslut som tas.",
        "Strukturerade formulär för att upptäcka psykisk ohälsa kan användas, förslagsvis SDQ.",
        "Ibland kan en fördjupad kartläggning och bedömning behövas för att samla in mer "
        "information om problemet och hur hjälp ska ges på bästa sätt.",
        "Vård- och insatsprogrammen har beskrivning av initiala kartläggningar för respektive "
        "aktör som kan vara ett stöd.",
    ],
    ("handlingsplan", "atgarder-och-insatser"): [
        "Insats definieras i Socialstyrelsens termbank som ”aktivitet som är inriktad på ett "
        "visst resultat”.",
        "En genomgång av vilka behov som finns lokalt utgör en grund för de aktiviteter och "
        "insatser som genomförs.",
        "Stödjande/behandlande insatser vid olika typer av problem, till exempel stress, "
        "nedstämdhet och koncentrationssvårigheter",
        "Föräldraskapsstöd",
        "Samarbete med lärare och annan personal i skolan",
    ],
    ("handlingsplan", "uppfoljning-och-utvardering"): [
        "Hur ska arbetet följas upp och utvärderas?",
        "De individuella insatserna som erbjuds elever och föräldrar behöver följas upp",
        "Upplevelsen av insatserna följs också upp. Det kan handla om information, delaktighet "
        "och bemötande.",
        "Beskriv även hur samverkansmodellen ska följas upp och utvärderas.",
        "personal från olika verksamheter kan ha olika traditioner vad gäller att samla in och "
        "analysera information för uppföljning och utvärdering.",
    ],
    ("handlingsplan", "dokumentation-och-sekretess"): [
        "Hur ska insatser dokumenteras och hur ska samtycke inhämtas?",
        "Att insatser dokumenteras är viktigt av olika anledningar, till exempel för kontinuitet "
        "och uppföljning.",
        "Bedömning och insatser dokumenteras enligt de gängse rutiner som varje ansvarig aktör "
        "har.",
    ],
    ("handlingsplan", "kompetensutveckling"): [
        "Hur sker kompetensutveckling?",
        "Erfarenhetsutbyte mellan personal är en form av kompetensutveckling som medför att alla "
        "får ta del av varandras kunskap såväl som synsätt, kultur och profession.",
        "All skolpersonal, föräldrar och elever kan behöva öka sin kunskap om psykiskt "
        "välbefinnande och hälsa.",
        "Personalen i den nya arbetsmodellen kan föreläsa för personal i skolan",
    ],
    ("handlingsplan", "involvera-barn"): [
        "Eleverna är målgruppen för tidiga insatser för psykisk hälsa",
        "Delaktighet och inflytande, artikel 12 i barnkonventionen ger ett tydligt incitament",
        "Metodstöd finns framtagna för hur man kan göra för att involvera barn.",
    ],
}


def normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("document", "section"), sorted(SECTION_SENTENCES))
def test_each_section_holds_the_guides_full_passage(project_content, document, section):
    outline = project_content.outlines.document(document).section(section)
    guidance = normalised(outline.guidance)
    for sentence in SECTION_SENTENCES[(document, section)]:
        assert normalised(sentence) in guidance


def test_every_section_of_skrs_two_documents_is_checked(project_content):
    listed = {
        (d.key, s.key)
        for d in project_content.outlines.documents
        if d.key in ("beslutsunderlag", "handlingsplan")
        for s in d.sections
    }
    assert set(SECTION_SENTENCES) <= listed
    assert len(SECTION_SENTENCES) == 22


def content_files() -> list[Path]:
    return sorted((ROOT / "workshops").rglob("*.yaml")) + sorted((ROOT / "vignettes").glob("*"))


def test_every_link_in_the_content_is_well_formed(project_content):
    found = [
        (path.name, url)
        for path in content_files()
        for url in re.findall(r"\w+://[^\s\"')>\]]+", path.read_text(encoding="utf-8"))
    ]
    found += [("guide.yaml", m.url) for m in project_content.guide.materials]
    assert len(found) > 40
    for where, url in found:
        parts = urlsplit(url)
        assert parts.scheme == "https", (where, url)
        assert parts.hostname and "." in parts.hostname, (where, url)
        assert not parts.hostname.endswith("."), (where, url)


def test_the_guide_lists_every_material_once(project_content):
    urls = [m.url for m in project_content.guide.materials]
    assert len(urls) == len(set(urls)) == 23
    hosts = {urlsplit(u).hostname for u in urls}
    assert {"www.bris.se", "termbank.socialstyrelsen.se", "www.vardochinsats.se"} <= hosts


def test_the_mended_faults_stay_mended(project_content):
    step_1 = project_content.workshop("workshop-2").exercise("ovning-4b").steps[0]
    assert step_1.intro == ""
    assert step_1.questions[0].text == (
        "Tydliggör elevens, föräldrars och övrig skolpersonals kontaktvägar. "
        "Hur tas första kontakt?"
    )
    fifth = project_content.workshop("workshop-2").exercise("ovning-4b").steps[4]
    assert fifth.intro == "" and "verktyget lagt till" in fifth.note
    activities = set(project_content.outlines.document("handlingsplan").example_activities)
    asked = {
        q.text for w in project_content.workshops for e in w.exercises for q in e.all_questions
    }
    assert not asked & activities
    texts = " ".join(p.read_text(encoding="utf-8") for p in content_files())
    for typo in ("förgående", "Revidering, av", "göra utföra"):
        assert typo not in texts
    assert "omgjorda fallbeskrivningar" in project_content.vignette_questions.about
    assert "verktygets tolkning" in project_content.vignette_questions.tags_note
    assert "samordnad individuell plan" in project_content.target_groups.closing
