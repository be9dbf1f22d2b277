package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// maxRedactLine is the longest input line redact keeps whole; the rest of a
// longer line is dropped (never written out unmasked) and said so on stderr.
const maxRedactLine = 1 << 20

func (a *app) redactCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "redact",
		Short: "Mask personal data in messages from stdin, one per line, and write one JSON object per line",
		Long: "redact reads one message per line on stdin and writes one JSON object per line, in order:\n" +
			`{"guard": true|false, "kinds": ["passport-number", ...], "masked": "..."}` + "\n" +
			"guard says whether the personal-data guard would refuse to answer the message in a\n" +
			"public channel; kinds are the kinds of personal data found (e-mail addresses, phone\n" +
			"numbers and other long numbers are masked but do not make guard true); masked is the\n" +
			"message with each of them replaced by its kind, like [passport number].\n" +
			"Use it to scrub exported logs or to check a message. It streams: memory stays\n" +
			"constant however many lines come in. A line longer than 1 MiB keeps its first MiB.",
		Example: "  echo 'my passport number is X1234567' | helpdeskbot redact\n" +
			"  helpdeskbot redact < exported-messages.txt > masked.jsonl",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := redactStream(cmd, a.stdin, a.stdout, a.stderr); err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("redact: %w", err)}
			}
			return nil
		},
	}
}

// redactStream writes the redaction record of each line of r to w.
func redactStream(cmd *cobra.Command, r io.Reader, w, warn io.Writer) error {
	ctx := cmd.Context()
	in := bufio.NewReaderSize(r, maxRedactLine)
	out := bufio.NewWriterSize(w, 64*1024)
	var line, rec []byte
	for n := 1; ; n++ {
		if in.Buffered() == 0 {
			// About to wait for input: let whoever is waiting for our
			// records have them.
			if err := out.Flush(); err != nil {
				return err
			}
		}
		chunk, err := in.ReadSlice('\n')
		line = append(line[:0], chunk...)
		dropped := false
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = in.ReadSlice('\n')
			dropped = true
		}
		if dropped {
			fmt.Fprintf(warn, "helpdeskbot: redact: line %d is longer than %d bytes; the rest of it was dropped\n", n, maxRedactLine)
		}
		if len(line) == 0 && err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return err
		}
		line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		rec = appendRedaction(rec[:0], redact.Check(string(line)))
		if _, werr := out.Write(rec); werr != nil {
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

// appendRedaction appends the JSON line of one redaction.
func appendRedaction(b []byte, r redact.Result) []byte {
	b = append(b, `{"guard":`...)
	if r.Guard {
		b = append(b, "true"...)
	} else {
		b = append(b, "false"...)
	}
	b = append(b, `,"kinds":[`...)
	for i, k := range r.Kinds {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, string(k))
	}
	b = append(b, `],"masked":`...)
	b = appendJSONString(b, r.Masked)
	return append(b, "}\n"...)
}
