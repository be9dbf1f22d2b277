package intents

import (
	"strings"
	"time"
	"unicode"
)

// intentKeys are the front-matter keys an intent file may use.
var intentKeys = []string{"id", "title", "examples", "keywords", "contact", "related", "owner", "review_by", "links", "followups", "discord_tag", "lang"}

// outOfScopeKeys are the front-matter keys of _out-of-scope.md.
var outOfScopeKeys = []string{"examples", "keywords", "background", "lang"}

// langKeys are the keys of a language in an intent's lang: block, and
// outOfScopeLangKeys in _out-of-scope.md's.
var (
	langKeys           = []string{"title", "examples", "keywords"}
	outOfScopeLangKeys = []string{"examples", "keywords"}
)

// OutOfScopeID is the id under which _out-of-scope.md's examples are listed.
const OutOfScopeID = "none"

const maxTitle = 60

// maxDiscordTag is the longest name Discord allows a forum tag.
const maxDiscordTag = 20

func (l *loader) intent(p string) {
	if in, ok := l.intentFile(p, false); ok {
		l.k.Intents = append(l.k.Intents, in)
	}
}

func (l *loader) outOfScope(p string) {
	if in, ok := l.intentFile(p, true); ok {
		l.k.OutOfScope = &in
	}
}

// intentFile reads an intent, or with outOfScope the examples of topics the
// bot does not handle (no id, title or answer needed).
func (l *loader) intentFile(p string, outOfScope bool) (Intent, bool) {
	data, ok := l.read(p)
	if !ok {
		l.lost(p, nil)
		return Intent{}, false
	}
	doc, closed := splitFrontMatter(data)
	if !doc.hasFront {
		l.add(p, 1, Error, "missing front matter: an intent file starts with a line \"---\", then id, title and examples, then \"---\"")
		l.lost(p, nil)
		return Intent{}, false
	}
	if !closed {
		l.add(p, 1, Error, "front matter starts with --- but never ends with a --- line")
		l.lost(p, doc.front)
		return Intent{}, false
	}
	keys := intentKeys
	if outOfScope {
		keys = outOfScopeKeys
	}
	pairs, ok := l.frontMatter(p, doc, keys)
	if !ok {
		l.lost(p, doc.front)
		return Intent{}, false
	}
	answer, bodies := l.bodyParts(p, doc)
	in := Intent{File: p, Answer: answer}
	if outOfScope {
		in.ID = OutOfScopeID
	}
	valid := true
	required := func(key string) (frontValue, bool) {
		v, ok := pairs[key]
		if !ok {
			l.add(p, 1, Error, "missing required front-matter key %q", key)
			valid = false
		}
		return v, ok
	}

	if outOfScope {
		// No id or title to read.
	} else if v, ok := required("id"); ok {
		if in.ID, ok = l.text(p, v); ok {
			switch {
			case in.ID == "":
				l.add(p, v.line, Error, "id is empty")
				valid = false
			case !idPattern.MatchString(in.ID):
				l.add(p, v.line, Error, "id %q must be kebab-case: lowercase letters and digits joined by single hyphens", in.ID)
				valid = false
			default:
				// A repeated id is reported by crossCheck, on the file
				// that repeats it.
				l.idSites[in.ID] = append(l.idSites[in.ID], idSite{file: p, line: v.line})
			}
		} else {
			valid = false
		}
	}
	if outOfScope {
		// No title either.
	} else if v, ok := required("title"); ok {
		if in.Title, ok = l.text(p, v); !ok {
			valid = false
		} else if in.Title = strings.TrimSpace(in.Title); in.Title == "" {
			l.add(p, v.line, Error, "title is empty")
			valid = false
		} else if len([]rune(in.Title)) > maxTitle {
			l.add(p, v.line, Warning, "title is longer than %d characters; buttons and menus will cut it", maxTitle)
		}
	}
	if v, ok := pairs["background"]; ok && outOfScope {
		switch text, _ := l.text(p, v); strings.ToLower(strings.TrimSpace(text)) {
		case "true", "on", "yes":
		case "false", "off", "no":
			l.k.NoBackground = true
		default:
			l.add(p, v.line, Error, "background: %q is not true or false", text)
			valid = false
		}
	}
	if v, ok := required("examples"); ok {
		items, ok := l.list(p, v)
		var good bool
		in.Examples, in.ExampleLines, good = l.examples(p, in.ID, items)
		if ok && len(items) < minExamples {
			l.add(p, v.line, Error, "examples: need at least %d, found %d", minExamples, len(items))
			valid = false
		}
		valid = valid && ok && good
	}
	if v, ok := pairs["keywords"]; ok {
		var good bool
		in.Keywords, good = l.keywords(p, v)
		valid = valid && good
	}
	if v, ok := pairs["lang"]; ok || len(bodies) > 0 {
		allowed := langKeys
		if outOfScope {
			allowed = outOfScopeLangKeys
		}
		var blocks map[string]langBlock
		if ok {
			var good bool
			blocks, good = l.langBlocks(p, v, allowed)
			valid = valid && good
		}
		langs, good := l.translations(p, in.ID, blocks, bodies, outOfScope)
		in.Langs = langs
		valid = valid && good
	}
	if v, ok := pairs["contact"]; ok {
		if in.Contact, ok = l.text(p, v); !ok {
			valid = false
		}
		in.Contact = strings.TrimSpace(in.Contact)
	}
	if v, ok := pairs["related"]; ok {
		items, ok := l.list(p, v)
		for _, it := range items {
			in.Related = append(in.Related, strings.TrimSpace(it.text))
		}
		l.relate(p, in.ID, items)
		valid = valid && ok
	}
	if v, ok := pairs["owner"]; ok {
		if in.Owner, ok = l.text(p, v); !ok {
			valid = false
		}
		in.Owner = strings.TrimSpace(in.Owner)
	}
	if v, ok := pairs["review_by"]; ok {
		text, ok := l.text(p, v)
		day, err := time.Parse(time.DateOnly, strings.TrimSpace(text))
		switch {
		case !ok:
			valid = false
		case err != nil:
			l.add(p, v.line, Error, "review_by: %q is not a date like 2027-03-31", text)
			valid = false
		default:
			in.ReviewBy = day
			l.reviewLines[p] = v.line
		}
	}
	if v, ok := pairs["links"]; ok {
		links, ok := l.links(p, v)
		in.Links = links
		valid = valid && ok
	}
	if v, ok := pairs["discord_tag"]; ok {
		if in.DiscordTag, ok = l.text(p, v); !ok {
			valid = false
		}
		in.DiscordTag = strings.TrimSpace(in.DiscordTag)
		if len([]rune(in.DiscordTag)) > maxDiscordTag {
			l.add(p, v.line, Warning, "discord_tag is longer than %d characters, the longest name a Discord forum tag can have; it will never match", maxDiscordTag)
		}
	}
	if v, ok := pairs["followups"]; ok {
		fs, ok := l.followUps(p, v)
		in.FollowUps = fs
		valid = valid && ok
	}
	if in.Answer == "" && !outOfScope {
		l.add(p, doc.textLine(), Error, "missing answer: write the reply in Markdown after the closing ---")
		valid = false
	}
	if in.ID != "" && l.idFile[in.ID] == "" && !outOfScope {
		l.idFile[in.ID] = p
	}
	return in, valid
}

// examples reads the items of an examples: list of intent id, noting
// each for the check that no two intents share one.
func (l *loader) examples(p, id string, items []yamlItem) (examples []string, lines []int, valid bool) {
	valid = true
	seen := map[string]bool{}
	for _, it := range items {
		ex := strings.TrimSpace(it.text)
		key := exampleKey(ex)
		switch {
		case ex == "":
			l.add(p, it.line, Error, "empty example")
			valid = false
		case seen[key]:
			l.add(p, it.line, Warning, "example %q is repeated", ex)
		default:
			seen[key] = true
			examples = append(examples, ex)
			lines = append(lines, it.line)
			l.exampleLines[key] = append(l.exampleLines[key], exampleAt{id: id, file: p, line: it.line})
		}
	}
	return examples, lines, valid
}

// keywords reads a keywords: list: single words.
func (l *loader) keywords(p string, v frontValue) (kws []string, valid bool) {
	items, valid := l.list(p, v)
	for _, it := range items {
		kw := strings.TrimSpace(it.text)
		switch {
		case kw == "":
			l.add(p, it.line, Error, "empty keyword")
			valid = false
		case strings.IndexFunc(kw, unicode.IsSpace) >= 0:
			l.add(p, it.line, Error, "keyword %q must be a single word; put phrases in examples or synonyms", kw)
			valid = false
		default:
			kws = append(kws, kw)
		}
	}
	return kws, valid
}

func (l *loader) text(p string, v frontValue) (string, bool) {
	s, ok := yamlText(v.node)
	if !ok {
		l.add(p, v.line, Error, "expected text, found a list or mapping")
	}
	return s, ok
}

func (l *loader) list(p string, v frontValue) ([]yamlItem, bool) {
	items, bad, ok := yamlList(v.node, v.off)
	if !ok {
		line := nodeLine(bad, v.off)
		if bad == v.node {
			line = v.line
			l.add(p, line, Error, "expected a list (\"- item\" lines or [a, b])")
		} else {
			l.add(p, line, Error, "list items must be text")
		}
	}
	return items, ok
}

// exampleKey is the form in which two examples count as the same.
func exampleKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}
