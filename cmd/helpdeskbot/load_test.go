package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoadAsk sends 20,000 /v1/ask requests at concurrency 32 over loopback
// to a running server, then the same to a bare net/http handler, and
// checks: no errors, and no goroutines or memory left behind. Throughput
// and p99 latency are logged for README's Performance section:
//
//	go test ./cmd/helpdeskbot -run TestLoadAsk -v
func TestLoadAsk(t *testing.T) {
	requests := 20_000
	if raceEnabled || testing.Short() {
		requests = 4_000 // the race detector slows everything tenfold
	}
	const concurrency = 32

	cfg := DefaultConfig()
	srv := newTestServer(t, cfg)
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Write([]byte(`{"text":"ok"}`))
	})

	runtime.GC()
	goroutinesBefore := runtime.NumGoroutine()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	for _, target := range []struct {
		name    string
		handler http.Handler
	}{{"serve /v1/ask", srv.Handler()}, {"bare net/http", bare}} {
		rate, p99, failures := load(t, target.handler, requests, concurrency)
		t.Logf("%s: %d requests at concurrency %d: %.0f requests/s, p99 %v, %d failures",
			target.name, requests, concurrency, rate, p99.Round(time.Microsecond), failures)
		if failures != 0 {
			t.Errorf("%s: %d failed requests", target.name, failures)
		}
	}

	// Nothing may stay behind once the load is over.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutinesBefore+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutinesBefore+2 {
		t.Errorf("%d goroutines after the load, %d before", n, goroutinesBefore)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 16<<20 {
		t.Errorf("heap grew by %d MiB", grown>>20)
	}
}

// load serves h on a loopback port and sends it n requests from c workers.
func load(t *testing.T, h http.Handler, n, c int) (rate float64, p99 time.Duration, failures int64) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	defer hs.Shutdown(context.Background())
	transport := &http.Transport{MaxIdleConns: c, MaxIdleConnsPerHost: c}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	url := "http://" + ln.Addr().String() + "/v1/ask"
	messages := []string{"stuck on selfie", "glaer on my licence", "nfc", "my linkedin post got no likes", "why do I have to verify??"}

	latencies := make([]time.Duration, n)
	var next atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				body := fmt.Sprintf(`{"message":%q,"user":"u%d"}`, messages[i%len(messages)], i%100)
				t0 := time.Now()
				resp, err := client.Post(url, "application/json", strings.NewReader(body))
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				latencies[i] = time.Since(t0)
				if resp.StatusCode != http.StatusOK {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(latencies)
	return float64(n) / elapsed.Seconds(), latencies[n*99/100], failed.Load()
}
