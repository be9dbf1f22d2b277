package bot

// maxVoteWords is the most words of a message that is only a vote on the
// previous reply ("no that didn't help"); a longer one is a new question.
const maxVoteWords = 8

// notHelpfulPhrases say, anywhere in a short message, that the previous
// reply did not help.
var notHelpfulPhrases = phrases("didnt help", "did not help", "doesnt help", "does not help", "not helpful",
	"wasnt helpful", "was not helpful", "no help", "not what i asked", "not what i meant", "not what i need",
	"not what i wanted", "not what im asking", "not my question", "didnt answer", "did not answer",
	"doesnt answer", "wrong answer", "not the answer", "thats not it", "not it", "not relevant",
	"not right", "you misunderstood", "misunderstood",
	// The same in the languages people mix in, with and without accents.
	"no me ayudo", "no me ayudó", "no ayudo", "no ayudó", "no sirvio", "no sirvió", "no me sirvio", "no me sirvió",
	"no es lo que pregunte", "no es lo que pregunté",
	"na pas aide", "na pas aidé", "naide pas", "naidé pas", "aide pas", "aidé pas", "pas utile", "ca aide pas", "ça aide pas",
	"pas ce que jai demande", "pas ce que jai demandé",
	"hat nicht geholfen", "hilft nicht", "nicht hilfreich", "hat mir nicht geholfen", "nicht was ich gefragt",
	"nao ajudou", "não ajudou", "nao me ajudou", "não me ajudou", "nao ajuda", "não ajuda",
	"non mi ha aiutato", "non ha aiutato", "non aiuta", "non è utile", "non e utile")

// notHelpfulAlone are the words that, with nothing but fillers around
// them, say the previous reply did not help: "wrong", "nope".
var notHelpfulAlone = set("wrong", "incorrect", "useless", "unhelpful", "irrelevant", "nope", "no", "nah",
	"inutil", "inútil", "inutile", "nutzlos", "falsch", "faux", "errado", "sbagliato")

// voteFillers may stand around the words of notHelpfulAlone.
var voteFillers = set("that", "thats", "this", "its", "it", "is", "was", "the", "answer", "totally",
	"completely", "all", "sorry", "but", "still", "just", "bot", "so", "very", "really", "not", "quite", "no", "nope", "nah",
	"es", "eso", "esto", "muy", "cest", "ça", "ca", "tout", "das", "ist", "war", "völlig", "isso", "é", "è", "questo")

// notHelpful reports whether a message only says the previous reply did
// not help, as a 👎 would.
func notHelpful(text string) bool {
	ws := words(text)
	if len(ws) == 0 || len(ws) > maxVoteWords {
		return false
	}
	for _, p := range notHelpfulPhrases {
		if containsPhrase(ws, p) {
			return true
		}
	}
	for _, w := range ws {
		if !notHelpfulAlone[w] && !voteFillers[w] {
			return false
		}
	}
	for _, w := range ws {
		if notHelpfulAlone[w] {
			return true
		}
	}
	return false
}
