package redact

// poBox reads a post office box address whose box number is token i:
// "PO Box 1234, Springfield IL 62704", "P.O. Box 77 Austin, TX 78701",
// "POB 12, Reno NV 89501". The city and a postcode must follow it: a box
// number alone is no address. It returns the address's first and last
// tokens.
func (sc *scanner) poBox(i int) (start, end int, ok bool) {
	t := &sc.toks[i]
	if !t.num || t.n() > 6 || i < 1 {
		return 0, 0, false
	}
	if start = sc.poBoxStart(i - 1); start < 0 {
		return 0, 0, false
	}
	if n := len(sc.out); n > 0 && sc.out[n-1].Kind != Email && sc.out[n-1].End > int(sc.toks[start].a) {
		return 0, 0, false // its words are part of what was found before
	}
	end, ok = sc.addressTail(i, false)
	if !ok || !sc.postcodeWithin(i+1, end) {
		end, ok = sc.addressTail(i, true) // "po box 4411 springfield il 62704"
	}
	if !ok || !sc.postcodeWithin(i+1, end) {
		return 0, 0, false
	}
	return start, end, true
}

// poBoxStart returns the first token of "PO Box", "P.O. Box", "P O Box",
// "Post Office Box" or "POB" when it ends at token j, or -1.
func (sc *scanner) poBoxStart(j int) int {
	close := func(k int) bool { return len(sc.gap(k)) <= 2 } // "P.O. Box": ". " between the last two
	switch {
	case sc.wordIs(j, "pob"):
		return j
	case !sc.wordIs(j, "box"):
		return -1
	case j >= 1 && close(j) && sc.wordIs(j-1, "po"):
		return j - 1
	case j >= 2 && close(j) && close(j-1) && sc.wordIs(j-1, "o") && sc.wordIs(j-2, "p"):
		return j - 2
	case j >= 2 && close(j) && close(j-1) && sc.wordIs(j-1, "office") && sc.wordIs(j-2, "post"):
		return j - 2
	}
	return -1
}

// postcodeWithin reports whether a postcode starts at one of the tokens
// a to b.
func (sc *scanner) postcodeWithin(a, b int) bool {
	for j := a; j <= b && j < len(sc.toks); j++ {
		if _, ok := sc.postcode(j); ok {
			return true
		}
	}
	return false
}
