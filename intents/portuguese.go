package intents

import "strings"

// portugueseStem is the Snowball Portuguese stemmer for words already
// lowered and with their accents folded, as foreignTokens gives them:
// each suffix of the algorithm that has an accent ("ação", "ável") is
// also matched without it ("acao", "avel"), so that the folded forms of
// one word meet as their accented forms do.
func portugueseStem(w string) string {
	if len(w) < 3 || !isASCII(w) {
		return w
	}
	b := []byte(w)
	rv := portugueseRV(b)
	r1 := germanRegion(b, 0)
	r2 := germanRegion(b, r1)
	// A region's start may be past the end after a suffix is cut.
	in := func(start, region int) bool { return start >= region }

	changed := false
	if s := longestSuffix(b, ptStandard...); s != "" {
		at := len(b) - len(s)
		switch s {
		case "logia", "logias":
			if in(at, r2) {
				b, changed = append(b[:at], "log"...), true
			}
		case "ucao", "ucoes":
			if in(at, r2) {
				b, changed = append(b[:at], 'u'), true
			}
		case "encia", "encias":
			if in(at, r2) {
				b, changed = append(b[:at], "ente"...), true
			}
		case "amente":
			if in(at, r1) {
				b, changed = b[:at], true
				switch t := longestSuffix(b, "iv", "os", "ic", "ad"); {
				case t == "" || !in(len(b)-len(t), r2):
				case t == "iv":
					b = b[:len(b)-2]
					if strings.HasSuffix(string(b), "at") && in(len(b)-2, r2) {
						b = b[:len(b)-2]
					}
				default:
					b = b[:len(b)-len(t)]
				}
			}
		case "mente":
			if in(at, r2) {
				b, changed = b[:at], true
				if t := longestSuffix(b, "ante", "avel", "ivel"); t != "" && in(len(b)-len(t), r2) {
					b = b[:len(b)-len(t)]
				}
			}
		case "idade", "idades":
			if in(at, r2) {
				b, changed = b[:at], true
				if t := longestSuffix(b, "abil", "ic", "iv"); t != "" && in(len(b)-len(t), r2) {
					b = b[:len(b)-len(t)]
				}
			}
		case "iva", "ivo", "ivas", "ivos":
			if in(at, r2) {
				b, changed = b[:at], true
				if strings.HasSuffix(string(b), "at") && in(len(b)-2, r2) {
					b = b[:len(b)-2]
				}
			}
		case "ira", "iras":
			if in(at, rv) && at > 0 && b[at-1] == 'e' {
				b, changed = append(b[:at], "ir"...), true
			}
		default:
			if in(at, r2) {
				b, changed = b[:at], true
			}
		}
	}
	if !changed {
		// Step 2: the longest verb suffix within RV.
		best := ""
		for _, s := range ptVerb {
			if len(s) > len(best) && strings.HasSuffix(string(b), s) && in(len(b)-len(s), rv) {
				best = s
			}
		}
		if best != "" {
			b, changed = b[:len(b)-len(best)], true
		}
	}
	if changed {
		// Step 3: an i after c.
		if n := len(b) - 1; n >= 1 && b[n] == 'i' && b[n-1] == 'c' && in(n, rv) {
			b = b[:n]
		}
	} else if s := longestSuffix(b, "os", "a", "i", "o"); s != "" && in(len(b)-len(s), rv) {
		// Step 4: residual suffixes.
		b = b[:len(b)-len(s)]
	}
	// Step 5: a final e, and the u of gu or the i of ci before it.
	if n := len(b) - 1; n >= 0 && b[n] == 'e' && in(n, rv) {
		b = b[:n]
		if n := len(b) - 1; n >= 1 && ((b[n] == 'u' && b[n-1] == 'g') || (b[n] == 'i' && b[n-1] == 'c')) && in(n, rv) {
			b = b[:n]
		}
	}
	return string(b)
}

// portugueseRV is where the Portuguese RV region starts: after the next
// vowel when the second letter is a consonant, after the next consonant
// when the first two are vowels, else after the third letter.
func portugueseRV(b []byte) int {
	if len(b) < 2 {
		return len(b)
	}
	switch {
	case !isGermanVowel(b[1]):
		for i := 2; i < len(b); i++ {
			if isGermanVowel(b[i]) {
				return i + 1
			}
		}
		return len(b)
	case isGermanVowel(b[0]):
		for i := 2; i < len(b); i++ {
			if !isGermanVowel(b[i]) {
				return i + 1
			}
		}
		return len(b)
	}
	return min(3, len(b))
}

// ptStandard are the suffixes of step 1, folded.
var ptStandard = strings.Fields(`eza ezas ico ica icos icas ismo ismos avel ivel ista istas oso osa osos osas
amento amentos imento imentos adora ador acao adoras adores acoes ante antes ancia
logia logias ucao ucoes encia encias amente mente idade idades iva ivo ivas ivos ira iras`)

// ptVerb are the verb suffixes of step 2, folded (ara~o is arao).
var ptVerb = strings.Fields(`ada ida ia aria eria iria ara era ira ava asse esse isse aste este iste ei arei erei irei
am iam ariam eriam iriam aram eram iram avam em arem erem irem assem essem issem ado ido ando endo indo
arao erao irao ar er ir as adas idas ias arias erias irias aras eras iras avas es ardes erdes irdes ares eres ires
asses esses isses astes estes istes is ais eis ieis arieis erieis irieis areis ereis ireis asseis esseis isseis
aveis ados idos amos iamos ariamos eriamos iriamos aramos eramos iramos avamos emos aremos eremos iremos
assemos essemos issemos imos armos ermos irmos eu iu ou`)
