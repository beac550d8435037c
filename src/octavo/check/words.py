"""Closed word classes the grammar rules use: a few hundred words of English grammar, which no
lexicon lists better than a page of a style guide does. Open classes (which word is a noun, a
past participle, how a word is pronounced, whether it is spelt right) come from registry
packages instead, through `lexicon` and `spelling`."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A set of words written as a block of text, one space or line between them."""
    return frozenset(words.split())


# Verbs that introduce or follow speech as a dialogue tag. Verbs that are more often actions
# than tags (smiled, laughed, nodded, sighed, shrugged, grinned, turned) are left out on
# purpose: `"Why?" She smiled.` is an action beat, a sentence of its own.
SPEECH_VERBS = word_set("""
    said says say asked asks replied replies whispered whispers shouted shouts murmured
    murmurs muttered mutters mumbled mumbles cried cries called answered answers added adds
    continued continues exclaimed exclaims snapped yelled yells screamed screams hissed hisses
    growled growls demanded demands insisted insists repeated repeats told tells croaked
    stammered stuttered retorted retorts responded responds remarked remarks agreed agrees
    admitted admits offered suggested suggests warned warns wondered wonders inquired
    inquires enquired enquires queried pleaded pleads begged begs sobbed wailed roared
    bellowed barked piped chimed interrupted interjected protested protests objected explained
    explains announced announces declared declares promised promises mused muses teased teases
    lied noted notes corrected corrects whimpered squeaked shrieked rasped sneered scoffed
    drawled intoned prompted urged urges confessed confesses conceded concedes ventured
    breathed
""")

# Narration that leads into a speech names the speaking in any form of the verb (`and
# replied,`, `by observing audibly to her partner,`, `was calling out,`).
SPEECH_VERB_FORMS = SPEECH_VERBS | word_set("""
    say saying ask asking reply replying whisper whispering answer answering add adding
    cry crying call calling exclaim exclaiming observed observing observe rejoined rejoining
    interposed interposing recited reciting read reading wrote writing sang singing spoke
    speak speaking
""")
# Nouns that name what is said, which a speech below a lead-in gives (`and then this
# answer,`, `his next words were,`).
UTTERANCE_NOUNS = word_set("""
    answer answers reply replies words question questions remark remarks exclamation cry
    observation observations speech response retort rejoinder greeting toast reproach
    message note lines verse verses charade riddle song rhyme motto inscription beginning
""")
COPULAS = word_set("was were is are ran went")
# Words a clause cannot end on, which a speech below completes (`He cut her short with,`,
# `no more approving reply, than,`, `as follows,`).
# (`As the door opened she was heard,` above her speech: what was heard is the speech)
LEAD_IN_ENDINGS = word_set("with than as follows thus these this heard overheard")

# Subjects that a speech tag after the speech begins with in lower case (`she said`, `the
# man asked`); a name or "I" keeps its capital, so they are not here.
TAG_PRONOUNS = word_set("he she they we you it")
TAG_DETERMINERS = word_set("the his her their my our your a an")
# Speech verbs that take a person as their object in a tag (`she asked the waiter`); any
# other speech verb followed by a noun phrase (`She explained the situation.`) is a sentence.
TAG_VERBS_WITH_OBJECT = word_set("asked asks told tells called reminded warned assured begged urged")

SUBJECT_PRONOUNS = word_set("i you he she it we they")
OBJECT_PRONOUNS = word_set("me you him her it us them")
POSSESSIVES = word_set("my your his her its our their")
DETERMINERS = word_set("a an the this that these those")
MODALS = word_set("""
    can could may might must shall should will would can't couldn't mightn't mustn't
    shouldn't won't wouldn't cannot
""")

PREPOSITIONS = word_set("""
    about above across after against along amid among around at before behind below beneath
    beside besides between beyond by down during except from in inside into near of off on
    onto out outside over past round since through throughout till to toward towards under
    underneath until unto up upon with within without
""")

# Abbreviations after which a full stop does not end the sentence, so the next word may be
# lower case (`etc. and`, `a.m. tomorrow`, `vs. them`), and titles that a name follows.
ABBREVIATIONS = word_set("""
    mr mrs ms messrs mme mlle dr drs prof st sr jr rev revd hon capt col gen lt sgt cpl maj
    adm cmdr gov pres sen rep esq bart mt ft jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun no nos vol vols ch chap p pp fig figs ed eds
    etc viz vs cf al approx ca est dept univ inc ltd co corp bros ave rd blvd sq tel ext min
    max misc ibid op cit &c lb lbs oz yd yds hr hrs mins sec secs pt qt gal doz
""")

# Contexts in which `then` compares (bigger then me, rather then go) — comparatives that are
# not formed with -er.
IRREGULAR_COMPARATIVES = word_set("""
    more less fewer better worse rather sooner other else further farther elder
""")
