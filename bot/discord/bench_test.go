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
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/testkit"
)

// Benchmarks of the HTTP interactions endpoint, reported in README.md:
//
//	go test ./bot/discord -run '^$' -bench Interactions -benchtime 20000x -count 3
//
// Each op is one signed /verifyhelp interaction posted over loopback by
// parallel clients and answered in the response. BenchmarkBareInteractions
// is a handler that reads the body and returns 200, for comparison.

func postInteractions(b *testing.B, url string, key ed25519.PrivateKey) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 256, MaxIdleConnsPerHost: 256, DialContext: testkit.LoopbackDialer().DialContext,
	}}
	var n atomic.Int64
	start := time.Now()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			raw, _ := json.Marshal(interaction(fmt.Sprint(i), 2, command("my selfie keeps failing"), nil))
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(raw))
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), raw...))))
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "interactions/s")
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
