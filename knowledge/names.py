"""Given names common among people receiving care (or anyone in the UK), lower case.

Read by ``handlers.formats`` (a full name with no title, cut to initials or refused; a given
name standing alone, cut to its initial in what is kept of a person's words) and by
``knowledge.safeguarding`` (a message that names someone is never set aside as the
organisation's own trouble).

How the list is chosen: given names common among older people in the UK and among care staff
(English, Welsh, Scottish and Irish), and names common in the UK's South Asian, Polish and
West African communities, in their usual English spelling (Polish names without their
accents: "lukasz", "malgorzata"). A name that is also an ordinary word, or a word of care or
procurement, is left out: "will", "mark", "grace", "may", "rose", "frank", "bill", "hazel",
"iris", "joy", "ruby", "pearl", "dawn", "heather", "holly", "june", "april", "ray", "max",
"dean", "grant", "warren", "glen", "sue", "pat", "penny", "peg", "comfort", "blessing",
"precious", "patience" (a missed name is less harm than refusing "Mark Complete" or cutting
"sue the council" to "S. the council"); so are names that name a thing people write about
("charlie", "stella", "krishna"). The second block (session 28) was checked word by word
against Debian's British and American word lists (packages wbritish and wamerican): none is
a lower-case word there but "jack", which is kept for its capitalised form (below). The third
block (the session's review: "Maria told me" kept whole) adds West African names and "maria",
"sofia", checked the same way: none is a lower-case word there but "maria" (a rare plural).

``ALSO_WORDS``: names of the list in everyday use as lower-case words ("olive oil", "carol
singers", "ivy", "a Stanley knife"): one typed in lower case is never read as a name, alone or
as the given name of a full name ("olive oil was spilt" stays); written with a capital, it is
("Olive told me" -> "O. told me"; "It was Olive who hit her" -> "It was O. who hit her"),
but where the words after it make an ordinary phrase ("Olive oil", "Jack up the fees"; listed
in ``handlers.formats``, ``_ORDINARY_PHRASES``, whose first words are the names read so).
The word lists give a few more names as lower-case words only in rare senses ("john", "peter",
"martin", "harry", "tom", "roger"): those are read in lower case too.

``NEVER_ALONE``: names that stand alone as abbreviations more often than as names ("Jan" for
January, "Reg" for a regulation or a registration): cut only in a full name ("Reg Holmes").
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

ada bessie clara cora dora esther eva frances gertrude greta harriet ida isabel jane janice
jeanette joyce judith julia lena lillian lois louisa louise marie martha matilda maud millie
miriam molly moira nancy nora norah olga rosa rosie ruth sophia thelma yvonne beatrice connie
elaine eleanor ellen geraldine joanna joanne judy kathy lesley lorna lynn marilyn marian sonia
tina winnie gail jill margery marlene michelle paula sharon denise diane diana donna debbie
jackie lisa pamela samantha stephanie tanya vanessa zoe kelly kirsty leanne natalie stacey
gemma hayley jodie katie lauren leah naomi sian bethan fiona maeve niamh sinead abigail archie
arnold cecil clive desmond edgar edwin fred freddie gilbert horace howard hugh jack joe lionel
len lloyd neville nigel ralph ronnie sid ted tommy vernon vincent wallace winston eddie harvey
jeff gerry gareth rhys owen callum duncan iain alistair ewan rory liam conor brendan kieran
aaron adam adrian andy ashley ben carl craig darren dominic ethan gavin jamie jason jeremy
jonathan joshua luke marcus nathan neil nicholas ross ryan scott simon stuart wayne phil abdul
ali amina amit anil arjun asha ashok asif bilal deepak dinesh farah faisal gurpreet harpreet
hassan hussain ibrahim imran iqbal ismail jaswinder javed kamal karim kiran khalid mahmood
manjit meena mohamed mohammad mumtaz nadia nasreen nisha omar parveen pooja rahul rajesh ramesh
rashid ravinder sajid salma shazia sunil suresh surinder tariq usha vijay yasmin ayesha ashraf
manpreet seema rekha ajay andrzej beata dorota ewa grzegorz halina iwona jacek jadwiga janusz
jerzy kasia katarzyna krystyna krzysztof lukasz malgorzata marek marta mateusz michal pawel
renata tomasz zofia marcin magdalena monika agata aleksandra irena jakub karolina justyna
sylwia abimbola adebayo adeola adewale abena akosua ayodele babatunde chinedu chinwe chioma
chukwuma emeka femi folake funmilayo gbenga ifeoma ikechukwu kemi kofi kojo kwasi nkechi obinna
segun tunde uche yemi

maria sofia olumide chidi adaeze oluwaseun tolu temitope bukola funmi yetunde chiamaka nnamdi
kehinde taiwo dayo seun akua kwabena efua adwoa ebere amaka uchenna ijeoma oluwatoyin folasade
bisi kunle lanre tobi chidinma nneka kwaku afua toyin ronke jide
"""))

# Chosen by reading the names above that Debian's word lists also give in lower case, and
# keeping those in everyday use as words ("molly" and "stanley" are not in the lists).
ALSO_WORDS = frozenset(_words("""
olive carol ivy lily rosemary violet bob molly stanley jack terry
"""))

NEVER_ALONE = frozenset(("jan", "reg"))
