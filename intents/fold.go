package intents

import "strings"

// foldAccents is the replacement of Latin letters with diacritics by
// their base letters, for matching: people type "verificacion" as often
// as "verificación".
var foldAccents = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ý", "y", "ÿ", "y", "ç", "c", "ñ", "n",
	"œ", "oe", "æ", "ae", "ß", "ss",
)

// fold returns w, lowered, with its accents folded.
func fold(w string) string {
	if isASCII(w) {
		return w
	}
	return foldAccents.Replace(w)
}
