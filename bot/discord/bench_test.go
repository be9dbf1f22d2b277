package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// Benchmarks of the HTTP interactions endpoint, reported in README.md:
//
//	go test ./bot/discord -run '^$' -bench Interactions -benchtime 20000x -count 3
//
// Each op is one signed /verifyhelp interaction posted over loopback by
// parallel clients and answered in the response. BenchmarkBareInteractions
// is a handler that reads the body and returns 200, for comparison.

func postInteractions(b *testing.B, url string, key ed25519.PrivateKey) {
	testkit.PostParallel(b, "interactions", func(i int64) *http.Request {
		raw, _ := json.Marshal(interaction(fmt.Sprint(i), 2, command("my selfie keeps failing"), nil))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(raw))
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), raw...))))
		return req
	})
}

// BenchmarkInteractionsEndpoint: verified (Ed25519), parsed, answered.
// The clients sign each request, on the same cores.
func BenchmarkInteractionsEndpoint(b *testing.B) {
	h := startHTTPOnly(b)
	b.ResetTimer()
	postInteractions(b, h.srv.URL+"/discord/interactions", h.key)
}

// BenchmarkBareInteractions is the baseline, with the same signed requests.
func BenchmarkBareInteractions(b *testing.B) {
	_, key, _ := ed25519.GenerateKey(nil)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	b.ResetTimer()
	postInteractions(b, srv.URL+"/discord/interactions", key)
}
