package intents_test

import (
	"bufio"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// Benchmarks, reported in README.md's Performance section:
//
//	go test ./intents -run '^$' -bench . -benchmem -cpu 1

func devMessages(b *testing.B) []string {
	f, err := os.Open("../testdata/eval/chat.tsv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var msgs []string
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		_, msg, _ := strings.Cut(sc.Text(), "\t")
		msgs = append(msgs, msg)
	}
	return msgs
}

// BenchmarkMatchShipped is one match on the shipped knowledge, averaged over
// the chat-style evaluation messages (short and long, in and out of scope).
func BenchmarkMatchShipped(b *testing.B) {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		b.Fatal(err)
	}
	ix := intents.NewIndex(k)
	msgs := devMessages(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix.Match(msgs[i%len(msgs)])
	}
}

// BenchmarkIndexShipped builds the shipped knowledge's index, training
// and calibration included: what a reload costs.
func BenchmarkIndexShipped(b *testing.B) {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		intents.NewIndex(k)
	}
}

// BenchmarkMatch10k is one match on a generated knowledge folder of 10,000
// intents with 8 examples each.
func BenchmarkMatch10k(b *testing.B) {
	fsys, labelled := generatedKnowledge(10000, 8)
	msgs := messagesOf(labelled)
	k, err := intents.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	ix := intents.NewIndex(k)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix.Match(msgs[i%len(msgs)])
	}
}

// BenchmarkIndex10k builds the index of 10,000 intents × 8 examples from
// loaded knowledge, and reports the heap it keeps (MB-retained).
func BenchmarkIndex10k(b *testing.B) {
	fsys, _ := generatedKnowledge(10000, 8)
	k, err := intents.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var ix *intents.Index
	for b.Loop() {
		ix = intents.NewIndex(k)
	}
	b.StopTimer()
	b.ReportMetric(retainedMB(func() any { return intents.NewIndex(k) }), "MB-retained")
	runtime.KeepAlive(ix)
}

// BenchmarkLoadAndIndex10k parses the 10,000-intent folder and builds its
// index: what starting or reloading costs.
func BenchmarkLoadAndIndex10k(b *testing.B) {
	fsys, _ := generatedKnowledge(10000, 8)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		k, err := intents.Load(fsys)
		if err != nil {
			b.Fatal(err)
		}
		intents.NewIndex(k)
	}
}

// retainedMB measures the live heap that build's result keeps.
func retainedMB(build func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
}

// BenchmarkParseShippedFolder reads the shipped folder from disk through
// os.DirFS and through intents.Dir, which opens it with os.Root on every
// call and checks every file: what confining the folder costs a reload.
func BenchmarkParseShippedFolder(b *testing.B) {
	for _, fsys := range []struct {
		name string
		fsys fs.FS
	}{{"os.DirFS", os.DirFS("../knowledge")}, {"intents.Dir", intents.Dir("../knowledge")}} {
		b.Run(fsys.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := intents.Load(fsys.fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
