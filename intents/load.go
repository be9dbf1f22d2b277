package intents

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// Names of the special files at the root of a knowledge folder.
const (
	GuidanceFile = "_guidance.md"
	FallbackFile = "_fallback.md"
	ClarifyFile  = "_clarify.md"
	SynonymsFile = "_synonyms.yaml"
	// OutOfScopeFile lists examples of questions the bot should not answer.
	OutOfScopeFile = "_out-of-scope.md"
	// TestsFile holds regression lines (intent<TAB>message) for eval and reloads.
	TestsFile = "_tests.tsv"
)

const minExamples = 3

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads a knowledge folder. It fails with Problems when the folder has
// any error; warnings alone do not stop it.
func Load(fsys fs.FS) (*Knowledge, error) {
	k, problems := Parse(fsys)
	if problems.HasErrors() {
		return nil, problems
	}
	return k, nil
}

// Parse reads a knowledge folder and returns what it understood together with
// every problem found, in file order. The Knowledge is only fit for use when
// the problems contain no errors.
func Parse(fsys fs.FS) (*Knowledge, Problems) {
	return ParseIn(fsys, folderLanguage(fsys))
}

// ParseIn is Parse for a folder whose unmarked content is in language
// lang, whatever its _guidance.md says.
func ParseIn(fsys fs.FS, lang string) (*Knowledge, Problems) {
	l := loader{
		fsys:         fsys,
		k:            &Knowledge{DefaultLanguage: lang, Languages: []string{lang}},
		hash:         sha256.New(),
		idFile:       map[string]string{},
		idSites:      map[string][]idSite{},
		lostIDs:      map[string]string{},
		exampleLines: map[string][]exampleAt{},
		reviewLines:  map[string]int{},
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.add(p, 0, Error, "cannot read: %v", err)
			return nil
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if l.entry(p, d) {
			l.file(p, name)
		}
		return nil
	})
	if err != nil {
		l.add(".", 0, Error, "cannot read folder: %v", err)
	}
	l.crossCheck()
	l.k.Version = hex.EncodeToString(l.hash.Sum(nil))[:12]
	l.k.reviewLines = l.reviewLines
	return l.k, l.problems
}

type loader struct {
	fsys     fs.FS
	k        *Knowledge
	problems Problems
	hash     hash.Hash

	seenGuidance, seenFallback bool
	sawIntentFile              bool
	fallbackTopicsLine         int
	idFile                     map[string]string   // id -> the file that has it first
	idSites                    map[string][]idSite // id -> every file with it, in walk order
	lostIDs                    map[string]string   // id -> the file that has it but did not load
	exampleLines               map[string][]exampleAt
	reviewLines                map[string]int // file -> line of review_by
	refs                       []reference
	// guidanceLangs are the languages _guidance.md has, nil until read.
	guidanceLangs map[string]bool
}

// exampleAt is where an example was written.
type exampleAt struct {
	id, file string
	line     int
}

// lost notes an intent file that did not load before its id was read:
// the id its front matter seems to give, and its name without .md, stand
// for it, so that references to it are marked as knock-on errors.
func (l *loader) lost(p string, front []byte) {
	if m := lostID.FindSubmatch(front); m != nil {
		if id := string(m[1]); l.lostIDs[id] == "" {
			l.lostIDs[id] = p
		}
	}
	if name := strings.TrimSuffix(path.Base(p), path.Ext(p)); l.lostIDs[name] == "" {
		l.lostIDs[name] = p
	}
}

// lostID finds the id in front matter that does not parse.
var lostID = regexp.MustCompile(`(?m)^id:[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ \t]*$`)

// idSite is where an intent's id was written.
type idSite struct {
	file string
	line int
}

// reference is a mention of an intent id by another file.
type reference struct {
	from, to, file string
	line           int
}

func (l *loader) add(file string, line int, sev Severity, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) addAt(file string, loc *located) {
	l.add(file, loc.line, Error, "%s", loc.msg)
}

// entry checks a folder entry before it is looked at: a symbolic link must
// resolve inside the folder, and only regular files (or links to them) are
// read. A link to a folder inside is not followed. It reports whether the
// entry is a file to go on with.
func (l *loader) entry(p string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	_, info, err := resolve(l.fsys, p)
	switch {
	case err != nil:
		l.fileProblem(p, err)
		return false
	case d.Type()&fs.ModeSymlink != 0 && info.IsDir():
		l.add(p, 0, Warning, "a link to a folder is not followed: its files are not read")
		return false
	}
	if err := checkRegular(info); err != nil {
		l.fileProblem(p, err)
		return false
	}
	return true
}

// fileProblem reports why a file could not be read: a refusal of the
// loader's checks at line 1, any other error without a line.
func (l *loader) fileProblem(p string, err error) {
	var refused *fileError
	if errors.As(err, &refused) {
		l.add(p, 1, Error, "%s", refused.msg)
		return
	}
	l.add(p, 0, Error, "cannot read: %v", err)
}

// read returns the content of a file that will be loaded, with every
// check of readFile, and refuses text that is not UTF-8.
func (l *loader) read(p string) ([]byte, bool) {
	data, err := readFile(l.fsys, p)
	if err != nil {
		l.fileProblem(p, err)
		return nil, false
	}
	if line, col, ok := firstInvalidUTF8(data); !ok {
		l.add(p, line, Error, "invalid UTF-8 (byte 0x%02x in column %d): save the file as UTF-8", data[col.offset], col.column)
		return nil, false
	}
	fmt.Fprintf(l.hash, "%s\x00%d\x00", p, len(data))
	l.hash.Write(data)
	return data, true
}

func (l *loader) file(p, name string) {
	atRoot := !strings.Contains(p, "/")
	switch {
	case strings.EqualFold(name, "README.md"), path.Ext(name) == ".go":
		// Documentation for the people who edit the folder, and the Go file
		// that embeds the default folder in the binary.
	case strings.HasPrefix(name, "_"):
		if !atRoot {
			l.add(p, 0, Warning, "special files (names starting with _) are only read at the folder root; this one is ignored")
			return
		}
		switch name {
		case GuidanceFile:
			l.guidance(p)
		case FallbackFile:
			l.fallback(p)
		case ClarifyFile:
			l.clarify(p)
		case SynonymsFile:
			l.k.Synonyms = l.synonyms(p)
		case OutOfScopeFile:
			l.outOfScope(p)
		case TestsFile:
			// Read by eval and reload, which go through ReadFile; here it
			// only gets the same checks.
			if _, err := readFile(l.fsys, p); err != nil {
				l.fileProblem(p, err)
			}
		default:
			if code, ok := synonymsLang(name); ok {
				l.langSynonyms(p, code)
				return
			}
			l.add(p, 0, Warning, "unknown special file; known: %s", strings.Join([]string{GuidanceFile, FallbackFile, ClarifyFile, SynonymsFile, OutOfScopeFile, TestsFile}, ", "))
		}
	case strings.EqualFold(path.Ext(name), ".md"):
		l.sawIntentFile = true
		l.intent(p)
	default:
		l.add(p, 0, Warning, "ignored: intents are Markdown files ending in .md")
	}
}

// plainText reads a special Markdown file that must have a non-empty body and
// may have front matter; it returns the body in the default language, the
// parts after lang markers by code, and the front-matter pairs.
func (l *loader) plainText(p string, allowed []string) (body string, others map[string]bodyPart, pairs map[string]frontValue, ok bool) {
	data, ok := l.read(p)
	if !ok {
		return "", nil, nil, false
	}
	doc, closed := splitFrontMatter(data)
	if !closed {
		l.add(p, 1, Error, "front matter starts with --- but never ends with a --- line")
		return "", nil, nil, false
	}
	if doc.hasFront {
		pairs, ok = l.frontMatter(p, doc, allowed)
		if !ok {
			return "", nil, nil, false
		}
	}
	body, others = l.bodyParts(p, doc)
	if body == "" {
		l.add(p, doc.textLine(), Error, "the file is empty: it needs text")
		return "", nil, nil, false
	}
	for code, part := range others {
		if part.text == "" {
			l.add(p, part.line, Error, "lang: %s: the text after the marker is empty", code)
			ok = false
		}
	}
	return body, others, pairs, ok
}

// texts returns the special texts of a language, to be changed and put
// back with setTexts.
func (l *loader) texts(code string) Texts { return l.k.Texts[code] }

func (l *loader) setTexts(code string, t Texts) {
	if l.k.Texts == nil {
		l.k.Texts = map[string]Texts{}
	}
	l.k.Texts[code] = t
}

// shortGuidance checks a short form of guidance, in one language.
func (l *loader) shortGuidance(p string, v frontValue, body string) string {
	short, ok := l.text(p, v)
	short = strings.TrimSpace(short)
	switch {
	case !ok:
	case short == "":
		l.add(p, v.line, Error, "short: the short guidance is empty; remove the key or write it")
	case len([]rune(short)) >= len([]rune(body)):
		l.add(p, v.line, Warning, "short: the short guidance is not shorter than the guidance")
		return short
	default:
		return short
	}
	return ""
}

func (l *loader) guidance(p string) {
	l.seenGuidance = true
	body, others, pairs, ok := l.plainText(p, []string{"short", "lang", LanguageKey})
	if !ok {
		return
	}
	if v, ok := pairs[LanguageKey]; ok {
		if code, _ := yamlText(v.node); !ValidLanguage(code) {
			l.add(p, v.line, Error, "%s: %q is not a language code: write it as en, es, fr, de or pt-BR", LanguageKey, code)
		} else if code != l.k.DefaultLanguage {
			l.add(p, v.line, Error, "%s: %s, but the folder is read as %s", LanguageKey, code, l.k.DefaultLanguage)
		}
	}
	l.k.Guidance = body
	if v, ok := pairs["short"]; ok {
		l.k.GuidanceShort = l.shortGuidance(p, v, body)
	}
	l.guidanceLangs = map[string]bool{}
	for code, part := range others {
		t := l.texts(code)
		t.Guidance = part.text
		l.setTexts(code, t)
		l.guidanceLangs[code] = true
	}
	if v, ok := pairs["lang"]; ok {
		blocks, _ := l.langBlocks(p, v, []string{"short"})
		for code, b := range blocks {
			t := l.texts(code)
			if _, has := others[code]; !has {
				l.add(p, b.line, Error, "lang: %s has a short guidance but no guidance: add it after a line <!-- lang: %s -->", code, code)
				continue
			}
			if sv, ok := b.pairs["short"]; ok {
				t.GuidanceShort = l.shortGuidance(p, sv, t.Guidance)
			}
			l.setTexts(code, t)
		}
	}
}

func (l *loader) fallback(p string) {
	l.seenFallback = true
	body, others, pairs, ok := l.plainText(p, []string{"topics", "lang"})
	if !ok {
		return
	}
	l.k.Fallback = body
	for code, part := range others {
		t := l.texts(code)
		t.Fallback = part.text
		l.setTexts(code, t)
	}
	if v, ok := pairs["lang"]; ok {
		blocks, _ := l.langBlocks(p, v, []string{"note"})
		for code, b := range blocks {
			if nv, ok := b.pairs["note"]; ok {
				note, ok := l.text(p, nv)
				note = strings.TrimSpace(note)
				switch {
				case !ok:
				case note == "":
					l.add(p, nv.line, Error, "lang: %s: note is empty; remove the key or write it", code)
				case strings.Contains(note, "\n"):
					l.add(p, nv.line, Error, "lang: %s: note must be one line", code)
				default:
					t := l.texts(code)
					t.Note = note
					l.setTexts(code, t)
				}
			}
		}
	}
	if v, ok := pairs["topics"]; ok {
		items, ok := l.list(p, v)
		if ok {
			for _, it := range items {
				l.k.FallbackTopics = append(l.k.FallbackTopics, strings.TrimSpace(it.text))
			}
			l.fallbackTopicsLine = v.line
			l.relate(p, "", items)
		}
	}
}

func (l *loader) clarify(p string) {
	body, others, _, ok := l.plainText(p, nil)
	if !ok {
		return
	}
	l.k.Clarify = body
	for code, part := range others {
		t := l.texts(code)
		t.Clarify = part.text
		l.setTexts(code, t)
	}
}

func (l *loader) synonyms(p string) (out []Synonym) {
	data, ok := l.read(p)
	if !ok {
		return nil
	}
	pairs, loc := yamlMapping(data, 0, "YAML")
	if loc != nil {
		l.addAt(p, loc)
		return nil
	}
	seen := map[string]int{}
	for _, kv := range pairs {
		line := nodeLine(kv.Key, 0)
		variant := strings.ToLower(strings.TrimSpace(keyText(kv)))
		canonical, ok := yamlText(kv.Value)
		canonical = strings.ToLower(strings.TrimSpace(canonical))
		switch {
		case !ok:
			l.add(p, line, Error, "synonym %q: the canonical form must be text", variant)
		case variant == "" || canonical == "":
			l.add(p, line, Error, "a synonym needs both sides: \"variant: canonical\"")
		case seen[variant] > 0:
			l.add(p, line, Error, "synonym %q is already defined on line %d", variant, seen[variant])
		case variant == canonical:
			l.add(p, line, Warning, "synonym %q maps to itself", variant)
		default:
			seen[variant] = line
			out = append(out, Synonym{Variant: variant, Canonical: canonical, Line: line})
		}
	}
	return out
}

// frontValue is a front-matter value with the line of its key.
type frontValue struct {
	node ast.Node
	line int
	off  int
}

func (l *loader) frontMatter(p string, doc document, allowed []string) (map[string]frontValue, bool) {
	pairs, loc := yamlMapping(doc.front, doc.frontLine, "front matter")
	if loc != nil {
		l.addAt(p, loc)
		return nil, false
	}
	out := map[string]frontValue{}
	ok := true
	for _, kv := range pairs {
		key := keyText(kv)
		line := nodeLine(kv.Key, doc.frontLine)
		switch {
		case !slices.Contains(allowed, key):
			known := "none"
			if len(allowed) > 0 {
				known = strings.Join(allowed, ", ")
			}
			l.add(p, line, Error, "unknown front-matter key %q (known: %s)", key, known)
			ok = false
		case out[key].line > 0:
			l.add(p, line, Error, "front-matter key %q is repeated (first on line %d)", key, out[key].line)
			ok = false
		default:
			out[key] = frontValue{node: kv.Value, line: line, off: doc.frontLine}
		}
	}
	return out, ok
}

func (l *loader) relate(p, from string, items []yamlItem) {
	for _, it := range items {
		l.refs = append(l.refs, reference{from: from, to: strings.TrimSpace(it.text), file: p, line: it.line})
	}
}

// duplicateIDs reports each id used by more than one intent, on the files
// that repeat it: all but the one changed least recently (the first in
// walk order when that does not tell, as in the built-in folder), which
// keeps the id. The repeats are left out of the knowledge.
func (l *loader) duplicateIDs() {
	ids := make([]string, 0, len(l.idSites))
	for id, sites := range l.idSites {
		if len(sites) > 1 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	repeats := map[string]bool{}
	for _, id := range ids {
		sites := l.idSites[id]
		mod := make([]time.Time, len(sites))
		for i, s := range sites {
			if info, err := fs.Stat(l.fsys, s.file); err == nil {
				mod[i] = info.ModTime()
			}
		}
		first := 0
		for i := range sites {
			if mod[i].Before(mod[first]) {
				first = i
			}
		}
		keeper := sites[first]
		l.idFile[id] = keeper.file
		for i, s := range sites {
			if i != first {
				l.add(s.file, s.line, Error, "duplicate id %q: %s:%d has it first; give this intent an id of its own", id, keeper.file, keeper.line)
				repeats[s.file] = true
			}
		}
	}
	if len(repeats) > 0 {
		l.k.Intents = slices.DeleteFunc(l.k.Intents, func(in Intent) bool { return repeats[in.File] })
	}
}

// crossCheck finds problems that span files: missing special files,
// references to unknown ids, and examples shared by two intents.
func (l *loader) crossCheck() {
	if !l.seenGuidance {
		l.add(GuidanceFile, 0, Error, "missing: every reply ends with this contact guidance, so the folder needs it")
	}
	if !l.seenFallback {
		l.add(FallbackFile, 0, Error, "missing: the answer given when nothing matches")
	}
	if !l.sawIntentFile {
		l.add(".", 0, Error, "no intents: add at least one Markdown file with front matter")
	}
	l.duplicateIDs()
	l.checkLanguages()
	for _, r := range l.refs {
		switch {
		case r.to == "":
			l.add(r.file, r.line, Error, "empty intent id")
		case l.idFile[r.to] == "":
			l.add(r.file, r.line, Error, "%q is not the id of any intent", r.to)
			l.problems[len(l.problems)-1].KnockOn = l.lostIDs[r.to]
		case r.to == r.from:
			l.add(r.file, r.line, Warning, "an intent lists itself as related")
		}
	}
	keys := make([]string, 0, len(l.exampleLines))
	for key := range l.exampleLines {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		at := l.exampleLines[key]
		for _, a := range at[1:] {
			if a.id != at[0].id {
				l.add(a.file, a.line, Error, "the same example is under %q (%s:%d); an example may belong to one intent only", at[0].id, at[0].file, at[0].line)
			}
		}
	}
	sortProblems(l.problems)
}
