"""Context cues that say what a person did at the event: spoke, moderated, or was only named.

Three kinds of cue, each kept as the words that matched (the `cue` column):
- a scope cue opens a list of participants that runs to the end of its clause ("merci à
  A, ..., B et C pour leur intervention", "ouverte par A, ... et B", "animée par A");
- a subject cue is a verb of speaking whose subject is the name ("A, maire de X, a rappelé",
  "A et B, ..., ont souligné", "A insiste");
- a near cue sits right before the name ("« ... » (A)", "comme l'a rappelé A", "», résume A").
"""

from __future__ import annotations

import re

from pipeline.speakers.affiliation import is_role

# Evidence an occurrence gives about the person, strongest last but for MENTIONED.
MODERATOR, SPEAKER, NEUTRAL, MENTIONED = 2, 1, 0, -1

# Words just before a name that say the person is quoted or cited, not taking part.
MENTION_BEFORE_RE = re.compile(
    r"(?i)(?:(?<!animé )(?<!animée )\bpar|\bministres?|\bblog d[e’']|\bouvrage d[e’']|"
    r"\bhommage à|\bconfiée? à|\bdécernée? à|\battribuée? à|"
    r"\blivre d[e’']|\barticle d[e’']|\bthèse d[e’']|\bfeu)\s*$"
)
# A title written before the name: "la ministre Jacqueline Gourault", "le rapporteur Jean Dupuis".
TITLE_BEFORE_RE = re.compile(
    r"(?i)\b(ministre|président|présidente|maire|députée?|sénat(?:eur|rice)|professeure?|"
    r"sociologue|rapporteure?)\s$"
)
# A function written with its article before the name: "La maire de Quimperlé, A, a ouvert",
# "Merci au CNFPT et à son directeur régional A", "Le directeur de l'Avise, A, ...", "quelques
# mots du maire adjoint A".
_ARTICLE_BEFORE_RE = re.compile(
    r"(?:^|(?<=[\s'’]))(?:le |la |l['’]|les |du |des |au |aux |son |sa |ses |leurs? |deux |trois |quatre )",
    re.IGNORECASE
)
_FUNCTION_RE = re.compile(r"([^,.;:«»()]{2,80}?),? ")
_VERB_IN_FUNCTION_RE = re.compile(r" (?:a|ont|est|sont|était|avait) ")  # "L'élue a laissé ..."
_NAMES_JOINED_RE = re.compile(r" et$| et ")  # "les élus A et": a list, not a function
TITLE_REACH = 100  # characters before a name where its function is looked for
_CIVILITY_END_RE = re.compile(r"(?:M\.|MM\.|Mme|Mmes|Dr|Pr) $")


def title_before(before: str) -> str | None:
    """The function written right before a name, if any: a bare title ("ministre"), or a
    function with its article and organisation ("maire de Quimperlé"), the article nearest
    the name first."""
    title = TITLE_BEFORE_RE.search(before)
    if title:
        return title.group(1).lower()
    before = _CIVILITY_END_RE.sub("", before[-TITLE_REACH:])  # "Le rapporteur, M. A"
    for article in reversed(list(_ARTICLE_BEFORE_RE.finditer(before))):
        function = _FUNCTION_RE.fullmatch(before, article.end())
        if (function and is_role(function.group(1)) and not _VERB_IN_FUNCTION_RE.search(function.group(1))
                and not _NAMES_JOINED_RE.search(function.group(1))):
            return function.group(1)
    return None


# Scope cues of a moderator: the list after them is who animated the session.
_MODERATOR_CUE = (
    r"(?:(?:co-?)?anim|mod[ée]r|facilit|présid|orchestr)[ée]e?s?(?: [a-zé]+ment)? par|"
    r"condui(?:t|te)s?(?: [a-zé]+ment)? par|pilot[ée]e?s?(?: [a-zé]+ment)? par|"
    r"animation (?:assurée )?(?:par|d[e’'])|"
    r"(?:sous la )?présidence d[e’']|"
    r"(?:animat(?:eur|rice|ion)|modérat(?:eur|rice|ion))(?:\.?e)?s?(?: [^:.;!?«»()]{0,30})? ?:"
)
# Scope cues of speakers: thanks for a talk, passive agents of opening, welcoming,
# introducing or closing, participation, exchanges with.
_SPEAKER_CUE = (
    r"merci(?-i:(?: [a-zàâçéèêëîïôûù]+){0,2}) (?:à|aux?)\b|"
    r"remerci(?:e|ons|ent|ements?)(?-i:(?: [a-zàâçéèêëîïôûù]+)?) (?:à |aux? )?|"
    r"(?:ouverte?s?|accueilli?e?s?|introduite?s?|cl[ôo]tur[ée]e?s?|conclue?s?|"
    r"présentée?s?|faite?s?|assurée?s?|reçue?s?|guidée?s?|représentée?s?|apportée?s?|proposée?s?|"
    r"lue?s?|exposée?s?|nourrie?s?|"
    r"rejointe?s?(?: [a-zàâçéèêëîïôûù]+){0,3}) par(?: un message(?: vidéo)? d[e’'])?|"
    r"(?:donn|laiss|pass|céd)(?:é|e|ée) la parole (?:à|aux)|la parole (?:a été |est )?donnée (?:à|aux)|"
    r"la parole (?:était|est|revient|revenait) (?:à|aux)|se sont succédée?s?(?: à la tribune)?|"
    r"permis d['’](?:écouter|entendre)|"
    r"(?:un |l['’])hommage d[e’']|"
    r"(?:(?:ont|a) (?:[a-zé]+ )?pris la parole|sont (?:[a-zé]+ )?intervenu(?:e|s|es)?)(?= [A-ZÀ-Þ])|"
    r"(?:(?:les|la|le|l['’]|des|une?) ?)?(?:intervenant(?:[.·]e)?(?:[.·]?s)?|intervention|participai|témoign|"
    r"étaient présent|"
    r"présents? à la tribune|à la tribune|grand témoin|témoins|ouverture|clôture|conclusion|introduction|"
    r"pour en débattre|invités?)[^:.;!?«»()]{0,40}:|"
    r"(?:ont|a) (?:ensuite |tour à tour |chacun )?(?:présenté|pitché|partagé|exposé|détaillé|décrit|raconté)"
    r"[^:.;!?«»()]{0,60}:|"  # "les lauréats ont pitché leur projet : A pour X, B pour Y"
    r"(?:répondaient|intervenaient|témoignaient|se sont succédée?s?|ont témoigné|ont pris la parole|"
    r"sont intervenue?s)[^:.;!?«»()]{0,60}:|"
    r"avec(?: les interventions d[e’']| la participation d[e’'])? ?:|"
    r"(?:tables?[- ]rondes?|débats?|ateliers?|plénières?|webinaires?|conférences?|séances?)"
    r"[^:.;!?«»()]{0,80}:|"
    r"l['’]accueil (?:par|d[e’'])|"
    r"(?:l['’]|une? |les |des |le |la |son |sa |^\s*|\d{1,2} ?h(?:\d\d)? ?[:–-] )"
    r"(?:interventions?|témoignages?|messages?|présentations?|exposés?|éclairages?|expertises?|"
    r"regards?|retours? d['’]expérience|mots? d['’](?:accueil|ouverture|introduction|conclusion)|"
    r"conclusions?|introductions?|allocutions?|discours|analyses?)"
    r"(?: (?!de\b)[a-zé]+| d['’][a-zé]+| de bienvenue)? d(?:e\b|[’'])|"
    r"avec (?:les interventions|la participation) d[e’']|"
    r"(?:pu )?échang\w* avec|en présence d[e’']|aux côtés d[e’']|entretien avec|suivie?s? (?:de|par)|"
    r"accompagnée?s? (?:de|par)|"
    r"(?:introduction|ouverture|conclusion|clôture|synthèse|restitution|accueil|présentation|lecture)"
    r"(?: (?!a |été |est )[a-zàâçéèêëîïôûù'’]+){0,3}? par|prononcée?s? par|"
    r"(?:tables?[- ]rondes?|débats?|ateliers?|conférences?|webinaires?|visioconférences?|rencontres?|"
    r"échanges?|plénières?|séances?|sessions?)(?-i:(?: [a-zàâçéèêëîïôûù'’]+){0,6}),? avec|"
    r"(?<=» )avec|(?<=», )avec|(?:débats?|échanges?|dialogue|discussion) entre|tirée?s? par|"
    r"rassembl\w*|réuni(?:ssai\w*|t)?\b"
)
SCOPE_CUE_RE = re.compile(rf"(?i)\b(?:(?P<moderator>{_MODERATOR_CUE})|(?P<speaker>{_SPEAKER_CUE}))")
# Where a scope ends: the end of the clause (a verb, a purpose, a quotation, a relative).
SCOPE_END_RE = re.compile(
    r"[.;!?«»]| pour (?:leurs?|son|sa|ses|la|le|les|l['’])\b|,? d['’]avoir |"
    r" (?:a|ont|est|sont|était|étaient|avait|"
    r"avaient|ont été|a été) |, (?:les|la|le|ce|cette|ces) [a-zé]+ (?:a|ont|est|sont)\b| qui | dont "
)
# Where a list after a colon ends ("Intervenants : A, maire de X ; B, ..."): the sentence.
_LIST_END_RE = re.compile(r"[.!?«»]")
# Between two people of one scope, what ends the first one's apposition.
ITEM_JOIN_RE = re.compile(
    r"(?:,? et|,? ainsi qu(?:e |['’])|,? mais aussi|,? puis|,(?= (?:l[ea]|les|son|sa|ses|leurs?) )) ?"
    r"(?:avec |de |d['’]|à )?"
    r"(?:(?:l[ea]|les|son|sa|ses|leurs?) (?:[a-zéèêàç'’-]+ ){0,3}|(?:\w+ )?)$|, $| ; $| [–/-] $"
)

# Past participles and present forms of verbs of speaking or presenting.
_SPOKE = (
    r"rappelé|souligné|expliqué|présenté|introduit|répondu|précisé|insisté|indiqué|témoigné|"
    r"détaillé|conclu|ajouté|proposé|pointé|évoqué|partagé|salué|plaidé|ouvert|clôturé|"
    r"exposé|décrit|montré|raconté|affirmé|estimé|déclaré|défendu|annoncé|relevé|noté|abordé|"
    r"illustré|interpellé|résumé|remercié|accueilli|lancé|dressé|retracé|apporté|livré|"
    r"questionné|invité|mis en avant|mis en lumière|fait part|pris la parole|rendu compte|appelé|"
    r"insisté|rappelé|énoncé|développé|expliqué|esquissé|souhaité|regretté|alerté|encouragé|"
    r"réaffirmé|restitué|complété|élargi|repris|répondu|lu|tenu à [a-zé]+|martelé|confié|reconnu|"
    r"assuré|prévenu|ironisé|jugé|lâché|observé|analysé|commenté|"
    r"fait (?:un|une|le|la|les) (?:retour|point|présentation|état|tour|exposé|bilan|synthèse|"
    r"historique|rappel|lecture)"
)
_SPEAKS = (
    r"insiste|précise|présente|présentait|pointe|suggère|souligne|soulignait|explique|"
    r"expliquait|rappelle|rappelait|indique|estime|considère|affirme|note|témoigne|détaille|"
    r"conclut|ajoute|propose|invite|revient|plaide|résume|observe|confie|analyse|commente|"
    r"déclare|reconnaît|partage|évoque|décrit|raconte|défend|interpelle|poursuit|martèle|"
    r"intervient|intervenait|prend la parole|est revenue? sur|était revenue? sur|"
    r"est intervenue?|appelle|alerte|remercie|accueille|ouvre|clôt|clôture|introduit|répond|"
    r"salue|complète|restitue|(?:co-?)?(?:anime|animait|animera|modère|modérait|modérera|présidait)|"
    r"(?:co-?)?anim(?:ions|ons|aient|ent)|modér(?:ions|ons|aient|ent)|"
    # plural: "A et B, ..., interviennent / nous présentent"
    r"(?:nous |vous )?(?:interviennent|présentent|rappellent|soulignent|expliquent|témoignent|"
    r"partagent|reviennent|concluent|insistent|détaillent|ouvrent|accueillent|remercient)|"
    # announced: "la députée A débattra de ...", "B clôturera les débats"
    r"présentera|interviendra|ouvrira|clôturera|conclura|introduira|débattra|donnera|"
    r"témoignera|accueillera|reviendra|partagera|exposera|dressera|expliquera"
)
_MODERATED = (  # "co-" too: "A co-présidait le forum avec B", "qui a co-animé la journée"
    r"(?:co-?)?(?:animé|modéré|facilité|présidé|animait|anime|modère|modérait|présidait|animera|modérera)|"
    r"(?:co-?)?anim(?:ions|ons|aient|ent)|modér(?:ions|ons|aient|ent)"  # "A et moi-même (B) animions"
)
_ADVERB = (
    r"(?:(?:ensuite|également|aussi|notamment|enfin|d['’]abord|tout d['’]abord|pour sa part|"
    r"longuement|ainsi|alors|quant à (?:lui|elle)|de son côté),? )?"
)
# The first finite verb after a name: the name's own verb when nothing but appositions and
# other names stand between them.
FIRST_VERB_RE = re.compile(
    rf" (?:(?P<before>avait|avaient)\b|(?:a|ont) {_ADVERB}(?P<done>{_MODERATED}|{_SPOKE})\b|"
    rf"{_ADVERB}(?P<does>{_SPEAKS})\b|(?P<other>a|ont|est|sont|était|fait)\b)"
)
# A past participle after "a" / "ont", but "été" (a passive: "a été réélue" is no talk).
_ANY_PARTICIPLE_RE = re.compile(
    r" (?!été\b)(?:[a-zàâçéèêëîïôûù]+ ){0,2}?[a-zàâçéèêëîïôûù]+(?:é|i|is|it|u|ert|int)\b"
)
# What must not stand between a subject and its verb: a relative, a quotation, a clause end.
_NOT_A_SUBJECT_GAP_RE = re.compile(r"[«».;:!?]| qui | que | dont | lorsqu| quand | où ")
# A gerund of speaking in the subject's clause: "A et B ont officialisé leur adhésion en
# prenant la parole".
_GERUND_RE = re.compile(
    r" en (?:prenant la parole|(?:soulign|rappel|présent|expliqu|insist|témoign|précis|détaill|"
    r"partage|introduis|conclu|interven)ant)\b"
)
GERUND_REACH = 120
# Words right before a name that make it a complement, not a subject.
PREPOSITION_BEFORE_RE = re.compile(
    r"(?i)\b(?:de|d['’]|du|des|par|à|au|aux|avec|sur|chez|contre|entre|vers|envers)\s*$|d['’]$"
)
# What may stand right before a subject: the sentence start, a comma ("En ouverture, A"),
# "et" between two subjects, or an adverb ("Puis A").
_OPENS_SUBJECT_RE = re.compile(
    r"(?:^\s*|, |: |; |,? et |\bqu['’]|\b(?:Puis|Enfin|Ensuite|Alors|Aussi|Et|Là) |\bmoi-même \()"
    r"(?:(?:M\.|MM\.|Mme|Mmes|Dr|Pr) |(?:[Ll][ea]|[Ll]['’]|[Ss]on|[Ss]a|[Ll]eurs?) ?[a-zéèêàç'’-]+ "
    r"(?:[a-zéèêàç'’-]+ )?)?$"
)
# Near cues right before a name: a quotation attribution, reported speech, an inverted verb.
NEAR_CUE_RE = re.compile(
    rf"(?i)(?:»\s*[(–—-]\s*|"
    rf"\bcomme (?:l['’]a |l['’]ont |le |la |)(?:{_SPOKE}|{_SPEAKS}|précisait)(?: par)? |"
    rf"\bainsi que l['’](?:a|ont) (?:{_SPOKE}) |\bce qu(?:e |['’])(?:(?:a|ont) )?(?:{_SPOKE}|{_SPEAKS}) |"
    rf"(?:»,?|,) (?:(?:a|ont) )?(?:{_SPOKE}|{_SPEAKS}) |"
    rf"\bselon (?:(?:l[ea]|son|sa|leur) [\w-]+,? )?|\bpour |"
    rf"\bd['’]après |\bl['’]avis d[e’']? ?|interrogent |"
    rf"\b(?:a|ont) (?:ensuite |aussi |également )?interrogé )$"
)
# A function stated in a later sentence: "Elle est adjointe au maire de X."
PRONOUN_FUNCTION_RE = re.compile(
    r"(?:^|, )(?:[Ee]lle|[Ii]l) (?:est|était) (?:aujourd['’]hui |aussi |également )?"
)
# A function stated with the name again: "A est directrice de X".
NAME_FUNCTION_RE = re.compile(
    r"^,? (?:qui )?(?:est|était|a été (?:nommée?|élue?|réélue?|désignée?)) (?:aussi |également |désormais )?"
)


# Thanks for work behind the scenes: the people thanked took no part on stage.
_BACKSTAGE_THANKS_RE = re.compile(
    r" pour (?:l['’]|la |le |les |leur |leurs |son |sa |ses )(?:[a-zé]+ )?(?:organisation|préparation|"
    r"coordination|soutien|aide|financement|relecture|logistique|mise en place)"
)
# An act of chairing named as a noun ("l'animation", "la co-modération"); read here for
# thanks and in policy.py for the agent of the act.
CHAIR_NOUN = r"(?:co-?)?(?:animation|modération|facilitation)"
# Thanks for chairing: the people thanked moderated.
CHAIRING_THANKS = rf" pour (?:l['’]|la |le |leur |son |sa ){CHAIR_NOUN}"
_CHAIRING_THANKS_RE = re.compile(CHAIRING_THANKS)
# A verb of chairing inside a speaker cue that opens a list: the list is who chaired.
_CHAIRED_LIST_RE = re.compile(rf"(?i)\b(?:{_MODERATOR_CUE})")
# A programme line: a time, a talk, its speakers in brackets ("9h30 - 10h30 : Title (A, role,
# Org)", "14h – Table ronde (A, Org ; B, Org)").
PROGRAMME_BRACKET_RE = re.compile(r"^\s*\d{1,2} ?h(?:\s?\d\d)?\b[^(]*\((?=[A-ZÀ-Þ])")
# A programme line whose speakers follow a colon: "10h00 Regards croisés : A et B de X".
PROGRAMME_COLON_RE = re.compile(r"^\s*\d{1,2} ?h(?:\s?\d\d)?\b[^:()]*: (?=(?:M\. |Mme )?[A-ZÀ-Þ])")


def scope_cues(sentence: str) -> list[tuple[int, int, int, str]]:
    """(start, end, evidence, cue) of each list of participants a cue opens in a sentence;
    end is where the clause stops."""
    matches = list(SCOPE_CUE_RE.finditer(sentence))
    scopes = []
    bracket = PROGRAMME_BRACKET_RE.match(sentence)
    if bracket:
        close = sentence.find(")", bracket.end())
        scopes.append((bracket.end(), close if close > 0 else len(sentence), SPEAKER, "("))
    colon = PROGRAMME_COLON_RE.match(sentence)
    if colon and not matches:
        scopes.append((colon.end(), len(sentence), SPEAKER, ":"))
    for index, match in enumerate(matches):
        ends = _LIST_END_RE if match.group().endswith((":", "avec")) else SCOPE_END_RE
        stop = ends.search(sentence, match.end())
        end = min(stop.start() if stop else len(sentence),
                  matches[index + 1].start() if index + 1 < len(matches) else len(sentence))
        evidence = MODERATOR if match.group("moderator") else SPEAKER
        if evidence == SPEAKER and match.group().endswith(":") and _CHAIRED_LIST_RE.search(match.group()):
            evidence = MODERATOR  # "Quatre ateliers, chacun animé par un membre du réseau : A, B"
        elif evidence == SPEAKER and _BACKSTAGE_THANKS_RE.match(sentence, end):
            evidence = MENTIONED  # thanked for organising, hosting or funding, not for a talk
        elif evidence == SPEAKER and _CHAIRING_THANKS_RE.match(sentence, end):
            evidence = MODERATOR  # "merci à A, du RTES, pour l'animation"
        scopes.append((match.end(), end, evidence, match.group().strip()))
    scopes.sort()  # the innermost scope (started last) is looked up first
    return scopes


def subject_cue(after: str, before: str, introduced: bool = False) -> tuple[int, str] | None:
    """(evidence, verb) when the name (with `before` and `after` it in its sentence) is the
    subject of a verb of speaking or of moderating; or, `introduced` with a function, of any
    verb in the past tense ("A, maire de X, a élargi le propos"), but for "a été"."""
    if PREPOSITION_BEFORE_RE.search(before[-12:]) or not _OPENS_SUBJECT_RE.search(before):
        return None
    verb = FIRST_VERB_RE.search(after)
    if not verb or verb.group("before") or _NOT_A_SUBJECT_GAP_RE.search(after[: verb.start()]):
        return None  # "A avait lancé ces rencontres en 2005": done before the event
    if verb.group("other") in ("a", "ont") and introduced:  # "A, maire de X, a élargi le propos"
        done = _ANY_PARTICIPLE_RE.match(after, verb.end())
        return (SPEAKER, verb.group().strip() + done.group()) if done else None
    if verb.group("other"):
        gerund = _GERUND_RE.search(after, verb.end(), verb.end() + GERUND_REACH)
        return (SPEAKER, gerund.group().strip()) if gerund else None
    word = verb.group("done") or verb.group("does")
    evidence = MODERATOR if re.fullmatch(_MODERATED, word) else SPEAKER
    return evidence, verb.group().strip()


def opens_subject(before: str) -> bool:
    """True when a name right after `before` can be the subject of a verb (not "de l'association
    Terre Vive, a souligné", where the verb's subject is the person before)."""
    return bool(_OPENS_SUBJECT_RE.search(before))


# A verb of speaking or moderating in a relative clause after the name and its apposition:
# "Merci à A, directrice de X, qui a animé les échanges".
_RELATIVE_VERB_RE = re.compile(
    rf"^(?:,[^.;«»]{{0,160}}?)?,? (?P<cue>qui (?:(?:a|ont|avait|avaient) {_ADVERB}"
    rf"(?P<done>{_MODERATED}|{_SPOKE})|{_ADVERB}(?P<does>{_SPEAKS}))\b)"
)


def relative_cue(after: str) -> tuple[int, str] | None:
    """(evidence, words) when a relative clause right after the name (and its apposition) says
    the person spoke or moderated."""
    match = _RELATIVE_VERB_RE.match(after)
    if not match:
        return None
    word = match.group("done") or match.group("does")
    evidence = MODERATOR if re.fullmatch(_MODERATED, word) else SPEAKER
    return evidence, match.group("cue")


def near_cue(before: str) -> str | None:
    """The words right before a name that make it a speaker, if any."""
    match = NEAR_CUE_RE.search(before)
    return match.group().strip() if match else None
