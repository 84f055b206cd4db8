"""Given names common among people receiving care (or anyone in the UK), lower case.

Read by ``handlers.formats`` (a full name with no title, cut to initials or refused) and by
``knowledge.safeguarding`` (a message that names someone is never set aside as the
organisation's own trouble). Names that are also ordinary words ("will", "mark", "grace",
"may", "rose", "frank", "bill") are left out: a missed name is less harm than refusing
"Mark Complete".
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


GIVEN_NAMES = frozenset(_words("""
mary margaret patricia elizabeth jean joan dorothy barbara betty doris irene sheila brenda
maureen pauline sylvia eileen kathleen audrey valerie shirley sandra susan christine janet ann
anne anna linda carol elsie edith ethel gladys hilda marjorie mildred muriel olive phyllis
vera winifred evelyn florence agnes alice annie beryl constance daphne enid freda gwendoline
ivy jessie lilian lily mabel nellie peggy rita rosemary sarah helen catherine kathryn karen
julie deborah jacqueline gillian wendy lorraine tracey emma claire nicola rachel rebecca laura
sophie charlotte hannah emily jessica amy lucy chloe olivia amelia isla ava mia ella fatima
aisha josephine bridget teresa theresa marion norma gwen glenys rosalind sybil violet john
william james george thomas robert arthur albert frederick harold kenneth ronald dennis
stanley leslie eric norman ernest alfred walter charles edward henry joseph peter david
michael brian derek raymond keith alan colin graham terence anthony geoffrey gordon douglas
donald reginald sidney cyril percy wilfred herbert leonard victor richard stephen paul andrew
ian gary steven christopher daniel matthew mohammed muhammad ahmed oliver harry noah samuel
patrick sean kevin martin philip trevor malcolm barry roger gerald bernard maurice clifford
bob jim tom dave mike steve ron ken reg bert alf stan terry liz kate jenny maggie edna mavis
pam jan lynne dilys chris sam alex siobhan aoife padraig priya raj sanjay anita sunita ravi
amir yusuf zainab ngozi kwame wojciech agnieszka piotr
"""))
