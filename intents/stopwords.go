package intents

import "strings"

// stopwords are words that carry no topic: function words, chat filler and
// generic verbs. They are dropped from messages and examples alike, so they
// neither help a match nor count against it. A word an admin lists as a
// keyword is never treated as a stopword.
//
// Question words (why, who, how, what, where) are not here: they tell
// "why am I asked" from "who decides".
var stopwords = wordSet(`
a about above after again against all almost along already also although always am among an and another any
anything anyway anyways anywhere are around as at away be became because become been before being below
beside besides between both but by can cannot could did do does doing done down during each either else enough
especially etc even ever every everybody everyone everything for from further get gets getting got gotten had has have
having he her here hers herself him himself his i if in into is it its itself just keep keeps kept kind least
less let lets like likely lot lots made make makes making many may maybe me might mine more most much must my myself
neither never nevertheless no nobody none nor not nothing now of off often oh ok okay on once one only onto or other
others otherwise our ours ourselves out over own per perhaps please pls plz quite rather really same seem seemed seems
several shall she should since so some somehow something sometimes somewhat soon still such sure than that
thats the their theirs them themselves then there therefore these they thing things this those though through thus
till to too toward towards try tried tries trying u under unless until up upon ur us use used uses using very via
want wanted wants was we well were whatever whenever whether which while whoever whom whose will with within without
would yeah yes yet you your yours yourself yourselves ive im dont cant wont doesnt didnt isnt arent wasnt werent
havent hasnt hadnt couldnt wouldnt shouldnt aint youre theyre were weve thats whats theres heres lets ill youll
hmm umm uh um lol lmao omg btw idk tbh imo fyi pls plz guys guy folks bro dude man mate sir maam hey
go goes going gone went come comes coming came see saw seen look looks looking looked say says said tell told
know knew known think thought need needs needed needing give gave given take takes took taken put puts
again actually basically literally totally simply seriously honestly probably definitely
time times hour hours minute minutes day days week weeks today tonight yesterday tomorrow
first second third last next new old big small little good bad best better great nice fine right wrong
way stuff part bit something
wtf wth ffs smh pls plss thx idc ya yea yep nope nah gonna wanna gotta kinda sorta
different single whole every each same other another past across instead already finally
tried trying keep kept seem seems happened help helped helping helps
problem problems issue issues trouble error errors broken
`)

func wordSet(s string) map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range strings.Fields(s) {
		m[w] = struct{}{}
	}
	return m
}

// weakWords are question words: they tell apart intents that share a topic
// ("why am I asked" and "who decides"), so their other forms are never
// made stopwords.
var weakWords = wordSet(`what how why who where when which`)

// socialWords are greetings, thanks, goodbyes and acknowledgements. A
// message made only of them is small talk, matched even when they are
// stopwords ("ok great"); in a message with anything else they are
// dropped, so "hi, my nfc won't read" is about NFC, not a greeting.
var socialWords = wordSet(`hi hello hey hiya howdy yo greetings morning afternoon evening
thanks thank thx ty cheers appreciated appreciate bye goodbye ok okay great cool perfect awesome
hola buenas gracias adios bonjour bonsoir salut coucou merci`)
