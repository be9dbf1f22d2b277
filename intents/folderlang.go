package intents

import "io/fs"

// LanguageKey is the front-matter key of _guidance.md that names the
// language of the folder's unmarked content ("language: es"); without it
// the content is in DefaultLanguage. It belongs to the folder, not to a
// deployment: lint, diff, export and serve all read it from the files.
const LanguageKey = "language"

// folderLanguage reads the language of fsys's unmarked content from
// _guidance.md, before the rest of the folder is read (every file's
// markers are read against it). Any problem with the file gives
// DefaultLanguage here; the loader reports it where it reads the file.
func folderLanguage(fsys fs.FS) string {
	data, err := readFile(fsys, GuidanceFile)
	if err != nil {
		return DefaultLanguage
	}
	doc, closed := splitFrontMatter(data)
	if !closed || !doc.hasFront {
		return DefaultLanguage
	}
	pairs, loc := yamlMapping(doc.front, doc.frontLine, GuidanceFile)
	if loc != nil {
		return DefaultLanguage
	}
	for _, kv := range pairs {
		if keyText(kv) != LanguageKey {
			continue
		}
		if code, ok := yamlText(kv.Value); ok && ValidLanguage(code) {
			return code
		}
	}
	return DefaultLanguage
}
