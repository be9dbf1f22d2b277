package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// module is the module whose package paths the report shortens.
const module = "github.com/helpdeskbot/helpdeskbot"

// event is one line of go test -json (see go doc test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string
	Test       string
	Output     string
}

// summary counts the tests of a run.
type summary struct {
	Passed, Failed int
	Skipped        []skip
}

// skip is a skipped test and why.
type skip struct {
	Package, Test, Reason string
}

// line is a test's output line, kept until the test ends.
type line struct {
	test, text string
}

// report reads go test -json from r and writes to w what go test would
// print without -v, then the counts and the skipped tests.
func report(r io.Reader, w io.Writer) summary {
	var sum summary
	// Per package, the output of the top-level test under way and of its
	// subtests, in order, and how each of them ended.
	lines := map[string][]line{}
	ended := map[string]string{}
	reasons := map[string]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			fmt.Fprintln(w, sc.Text()) // not an event: pass it on
			continue
		}
		key := e.Package + "\x00" + e.Test
		switch {
		case e.Action == "build-output":
			fmt.Fprint(w, e.Output)
		case e.Test == "" && e.Action == "output":
			if e.Output != "PASS\n" && !strings.HasPrefix(e.Output, "=== ") {
				fmt.Fprint(w, e.Output)
			}
		case e.Test == "":
		case e.Action == "output":
			lines[e.Package] = append(lines[e.Package], line{e.Test, e.Output})
			if _, ok := reasons[key]; !ok && reason(e.Output) != "" {
				reasons[key] = reason(e.Output)
			}
		case e.Action == "pass" || e.Action == "fail" || e.Action == "skip":
			ended[key] = e.Action
			switch e.Action {
			case "pass":
				sum.Passed++
			case "fail":
				sum.Failed++
			case "skip":
				sum.Skipped = append(sum.Skipped, skip{Package: e.Package, Test: e.Test, Reason: reasons[key]})
			}
			if strings.Contains(e.Test, "/") {
				continue
			}
			// A top-level test ended: print its failures, forget the rest.
			if e.Action == "fail" {
				for _, l := range lines[e.Package] {
					if strings.HasPrefix(l.text, "=== ") {
						continue
					}
					if a := ended[e.Package+"\x00"+l.test]; a == "fail" || a == "" {
						fmt.Fprint(w, l.text)
					}
				}
			}
			lines[e.Package] = lines[e.Package][:0]
		}
	}
	fmt.Fprintf(w, "tests: %d passed, %d failed, %d skipped\n", sum.Passed, sum.Failed, len(sum.Skipped))
	fmt.Fprintln(w, skippedLine(sum.Skipped))
	return sum
}

// reason is the message of a test's output line ("    file.go:12: no
// Chromium"), or "" for the lines go test writes itself.
func reason(out string) string {
	s := strings.TrimSpace(out)
	if s == "" || strings.HasPrefix(s, "=== ") || strings.HasPrefix(s, "--- ") {
		return ""
	}
	return s
}

// skippedLine names every skipped test with its package (without the
// module path) and reason, on one line.
func skippedLine(skips []skip) string {
	if len(skips) == 0 {
		return "skipped: none"
	}
	parts := make([]string, len(skips))
	for i, s := range skips {
		pkg := strings.TrimPrefix(s.Package, module+"/")
		why := s.Reason
		if why == "" {
			why = "no reason given"
		}
		parts[i] = fmt.Sprintf("%s %s (%s)", pkg, s.Test, why)
	}
	return fmt.Sprintf("skipped %d: %s", len(skips), strings.Join(parts, "; "))
}
