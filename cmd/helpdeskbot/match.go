package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// maxLine is the longest input line kept whole; the rest of a longer line is
// skipped. Matching reads only the first intents.MaxMessageLen bytes anyway.
const maxLine = 64 * 1024

func (a *app) matchCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "match",
		Short: "Match messages from stdin, one per line, and write one JSON object per line",
		Long: "match reads one message per line on stdin and writes one JSON object per line:\n" +
			`{"message": ..., "intent": ..., "outcome": "answered"|"clarify"|"fallback", "reason": ..., "confidence": 0.93,` + "\n" +
			` "candidates": [{"intent": ..., "confidence": ...}], "out_of_scope": 0.02, "reply": ...}` + "\n" +
			"intent is the best candidate's id, or \"none\" when the outcome is fallback;\n" +
			"reason says which rule of the decision gave the outcome; \"language\" (before\n" +
			"\"reply\") is the reply's language, for a knowledge in several languages.\n" +
			"It streams: memory stays constant however many lines come in.",
		Example: "  printf 'stuck on selfie\\nglare on my licence\\n' | helpdeskbot match\n" +
			"  tail -n +2 testdata/eval/dev.tsv | cut -f2 | helpdeskbot match --knowledge ./knowledge > matches.jsonl",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := a.newBot()
			if err != nil {
				return err
			}
			if err := matchStream(cmd, b, a.stdin, a.stdout); err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("match: %w", err)}
			}
			return nil
		},
	}
}

// matchStream answers each line of r and writes a JSON line to w.
func matchStream(cmd *cobra.Command, b *bot.Bot, r io.Reader, w io.Writer) error {
	ctx := cmd.Context()
	in := bufio.NewReaderSize(r, maxLine)
	out := bufio.NewWriterSize(w, 64*1024)
	enc := replyEncoder{replies: map[string][]byte{}}
	var line []byte
	for {
		if in.Buffered() == 0 {
			// About to wait for input: let whoever is waiting for our
			// answers have them.
			if err := out.Flush(); err != nil {
				return err
			}
		}
		chunk, err := in.ReadSlice('\n')
		line = append(line[:0], chunk...)
		for errors.Is(err, bufio.ErrBufferFull) {
			// Too long: keep what we have and skip to the end of the line.
			_, err = in.ReadSlice('\n')
		}
		if len(line) == 0 && err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return err
		}
		line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		msg := string(line)
		reply := b.Answer(ctx, bot.Message{Text: msg, Adapter: "match"})
		if _, werr := out.Write(enc.encode(msg, reply)); werr != nil {
			return werr
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return out.Flush()
}

// replyEncoder writes match records. Replies repeat (every "stuck on selfie"
// gets the same text), so each distinct reply is escaped once and reused.
type replyEncoder struct {
	buf     []byte
	replies map[string][]byte
}

// maxCachedReplies bounds the reply cache; replies are few in practice.
const maxCachedReplies = 4096

func (e *replyEncoder) encode(msg string, r bot.Reply) []byte {
	b := e.buf[:0]
	b = append(b, `{"message":`...)
	b = appendJSONString(b, msg)
	b = append(b, `,"intent":`...)
	b = appendJSONString(b, r.Label())
	b = append(b, `,"outcome":`...)
	b = appendJSONString(b, string(r.Outcome))
	b = append(b, `,"reason":`...)
	b = appendJSONString(b, string(r.Reason))
	b = append(b, `,"confidence":`...)
	b = appendConfidence(b, r.Confidence)
	b = append(b, `,"candidates":[`...)
	for i, c := range r.Candidates {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"intent":`...)
		b = appendJSONString(b, c.Intent)
		b = append(b, `,"confidence":`...)
		b = appendConfidence(b, c.Confidence)
		b = append(b, '}')
	}
	b = append(b, `],"out_of_scope":`...)
	b = appendConfidence(b, r.OutOfScope)
	if r.Language != "" {
		b = append(b, `,"language":`...)
		b = appendJSONString(b, r.Language)
	}
	b = append(b, `,"reply":`...)
	b = append(b, e.reply(r)...)
	b = append(b, "}\n"...)
	e.buf = b
	return b
}

func (e *replyEncoder) reply(r bot.Reply) []byte {
	k := r.Key()
	if enc, ok := e.replies[k]; ok {
		return enc
	}
	enc := appendJSONString(nil, r.Text())
	if len(e.replies) < maxCachedReplies {
		e.replies[k] = enc
	}
	return enc
}
