package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
)

// maxImportFile is the largest file import reads: far above any intent data
// set, and small enough that a wrong file gives an error, not an exhausted
// memory.
const maxImportFile = 256 << 20

// The parts of a data set a sentence can belong to.
const (
	partTrain = "train" // training data: becomes an example
	partTest  = "test"  // held out: becomes a test line
	partVal   = "val"   // validation data: used only with --split all
)

// sentence is one labelled sentence of a data set.
type sentence struct {
	Text, Label string
	Part        string
}

// dataset is what a reader found in a file: the sentences, and notes on
// what it left out.
type dataset struct {
	Sentences []sentence
	Notes     []string
}

// errTooLarge is returned for files above maxImportFile.
var errTooLarge = fmt.Errorf("larger than %d MiB", maxImportFile>>20)

// readAllLimited reads r whole, failing above maxImportFile.
func readAllLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxImportFile {
		return nil, errTooLarge
	}
	return data, nil
}

// readSentences reads a file of labelled sentences in the given format:
// csv, json or rasa.
func readSentences(format string, r io.Reader) (dataset, error) {
	data, err := readAllLimited(r)
	if err != nil {
		return dataset{}, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	switch format {
	case "csv":
		return readCSV(data)
	case "json":
		return readJSON(data)
	case "rasa":
		return readRasa(data)
	}
	return dataset{}, fmt.Errorf("unknown format %q (known: csv, json, rasa)", format)
}

// Column names the CSV header may use.
var (
	textColumns   = []string{"text", "sentence", "example", "utterance", "query"}
	intentColumns = []string{"intent", "category", "label"}
)

// readCSV reads a CSV file whose header names a text and an intent column,
// in either order, among others.
func readCSV(data []byte) (dataset, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return dataset{}, errors.New("empty file: expected a header line naming a text and an intent column")
	}
	if err != nil {
		return dataset{}, err
	}
	textCol, intentCol := -1, -1
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(name))
		if textCol < 0 && slices.Contains(textColumns, name) {
			textCol = i
		}
		if intentCol < 0 && slices.Contains(intentColumns, name) {
			intentCol = i
		}
	}
	if textCol < 0 || intentCol < 0 {
		return dataset{}, fmt.Errorf("line 1: the header must name a text column (%s) and an intent column (%s); found %q",
			strings.Join(textColumns, ", "), strings.Join(intentColumns, ", "), strings.Join(header, ","))
	}
	var ds dataset
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return ds, nil
		}
		if err != nil {
			return dataset{}, err
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if max(textCol, intentCol) >= len(rec) {
			line, _ := cr.FieldPos(0)
			return dataset{}, fmt.Errorf("line %d: %d fields, the header has %d", line, len(rec), len(header))
		}
		ds.Sentences = append(ds.Sentences, sentence{Text: rec[textCol], Label: rec[intentCol], Part: partTrain})
	}
}

// readJSON reads the JSON shapes of the public intent data sets: the
// SIGDIAL 2017 corpora ({"sentences": [{"text", "intent", "training"}]}),
// CLINC150 ({"train": [[text, intent]], "oos_train": ..., "val": ...,
// "test": ...}) and a plain array of {"text", "intent"} objects.
func readJSON(data []byte) (dataset, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []jsonSentence
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return dataset{}, jsonError(data, err)
		}
		return jsonSentences(items, "array item")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &top); err != nil {
		return dataset{}, jsonError(data, err)
	}
	if raw, ok := top["sentences"]; ok {
		var items []jsonSentence
		if err := json.Unmarshal(raw, &items); err != nil {
			return dataset{}, fmt.Errorf("sentences: %w", jsonError(raw, err))
		}
		return jsonSentences(items, "sentence")
	}
	return readCLINC(top)
}

// jsonSentence is one sentence of the SIGDIAL shape or of a plain array.
type jsonSentence struct {
	Text     string `json:"text"`
	Intent   string `json:"intent"`
	Training *bool  `json:"training"`
}

func jsonSentences(items []jsonSentence, what string) (dataset, error) {
	var ds dataset
	for i, it := range items {
		if strings.TrimSpace(it.Text) == "" || strings.TrimSpace(it.Intent) == "" {
			return dataset{}, fmt.Errorf("%s %d: needs a \"text\" and an \"intent\"", what, i+1)
		}
		part := partTrain
		if it.Training != nil && !*it.Training {
			part = partTest
		}
		ds.Sentences = append(ds.Sentences, sentence{Text: it.Text, Label: it.Intent, Part: part})
	}
	return ds, nil
}

// clincParts are CLINC150's keys, in the order they are read, and the part
// of the data set each holds.
var clincParts = []struct{ key, part string }{
	{"train", partTrain}, {"oos_train", partTrain},
	{"val", partVal}, {"oos_val", partVal},
	{"test", partTest}, {"oos_test", partTest},
}

func readCLINC(top map[string]json.RawMessage) (dataset, error) {
	var ds dataset
	found := false
	for _, c := range clincParts {
		raw, ok := top[c.key]
		if !ok {
			continue
		}
		found = true
		var pairs [][]string
		if err := json.Unmarshal(raw, &pairs); err != nil {
			return dataset{}, fmt.Errorf("%s: expected [[text, intent], ...]: %w", c.key, jsonError(raw, err))
		}
		for i, p := range pairs {
			if len(p) != 2 {
				return dataset{}, fmt.Errorf("%s item %d: expected [text, intent], found %d strings", c.key, i+1, len(p))
			}
			ds.Sentences = append(ds.Sentences, sentence{Text: p[0], Label: p[1], Part: c.part})
		}
	}
	if !found {
		return dataset{}, errors.New(`unrecognized JSON: expected {"sentences": [...]}, {"train": [[text, intent], ...], "test": ...} or [{"text": ..., "intent": ...}, ...]`)
	}
	var ignored []string
	for k := range top {
		if !slices.ContainsFunc(clincParts, func(c struct{ key, part string }) bool { return c.key == k }) {
			ignored = append(ignored, k)
		}
	}
	if len(ignored) > 0 {
		slices.Sort(ignored)
		ds.Notes = append(ds.Notes, fmt.Sprintf("ignored keys, not parts of the data set: %s", strings.Join(ignored, ", ")))
	}
	return ds, nil
}

// jsonError adds the line to a JSON syntax error.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("line %d: %w", 1+bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n")), err)
	}
	return err
}

// rasaEntity matches Rasa's entity annotations, [text](entity),
// [text](entity:value) and [text]{"entity": ...}, to keep only the text.
var rasaEntity = regexp.MustCompile(`\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})`)

// readRasa reads Rasa's NLU training data: nlu.yml (version 2 and 3), or the
// older Markdown format ("## intent:name" then "- example" lines).
func readRasa(data []byte) (ds dataset, err error) {
	if bytes.Contains(data, []byte("## intent:")) && !bytes.Contains(data, []byte("nlu:")) {
		return readRasaMarkdown(data), nil
	}
	defer func() {
		// The YAML parser is not ours: a bad file must give an error.
		if recover() != nil {
			ds, err = dataset{}, errors.New("bad YAML: the parser could not read it")
		}
	}()
	var doc struct {
		NLU []map[string]any `yaml:"nlu"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return dataset{}, fmt.Errorf("bad YAML: %w", err)
	}
	if doc.NLU == nil {
		return dataset{}, errors.New(`no "nlu:" list: expected Rasa training data (nlu: - intent: name, examples: | - sentence)`)
	}
	skipped := map[string]int{}
	for i, item := range doc.NLU {
		intent, ok := item["intent"].(string)
		if !ok {
			for key := range item {
				if key == "synonym" || key == "regex" || key == "lookup" {
					skipped[key]++
				}
			}
			continue
		}
		examples, err := rasaExamples(item["examples"])
		if err != nil {
			return dataset{}, fmt.Errorf("nlu item %d (intent %s): %w", i+1, intent, err)
		}
		for _, ex := range examples {
			ds.Sentences = append(ds.Sentences, sentence{Text: rasaEntity.ReplaceAllString(ex, "$1"), Label: intent, Part: partTrain})
		}
	}
	for _, key := range []string{"synonym", "lookup", "regex"} {
		if n := skipped[key]; n > 0 {
			ds.Notes = append(ds.Notes, fmt.Sprintf("%d %s entries: not intents; ignored", n, key))
		}
	}
	return ds, nil
}

// rasaExamples reads an intent's examples: a block of "- sentence" lines, or
// a list of sentences or of {text: sentence} mappings.
func rasaExamples(v any) ([]string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		var out []string
		for line := range strings.Lines(v) {
			if ex, ok := strings.CutPrefix(strings.TrimSpace(line), "-"); ok {
				out = append(out, strings.TrimSpace(ex))
			}
		}
		return out, nil
	case []any:
		var out []string
		for _, it := range v {
			switch it := it.(type) {
			case string:
				out = append(out, it)
			case map[string]any:
				if text, ok := it["text"].(string); ok {
					out = append(out, text)
				}
			}
		}
		return out, nil
	}
	return nil, errors.New(`"examples" must be a block of "- sentence" lines`)
}

func readRasaMarkdown(data []byte) dataset {
	var ds dataset
	intent := ""
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "##"):
			intent = ""
			if name, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "##")), "intent:"); ok {
				intent = strings.TrimSpace(name)
			}
		case intent != "" && strings.HasPrefix(line, "- "):
			ds.Sentences = append(ds.Sentences, sentence{Text: rasaEntity.ReplaceAllString(line[2:], "$1"), Label: intent, Part: partTrain})
		}
	}
	return ds
}
