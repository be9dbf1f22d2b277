package testkit

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// PostParallel sends b.N requests from parallel clients over loopback
// keep-alive connections, failing on any error or non-200 status, and
// reports the rate as unit per second. request builds the i-th request
// (from 1).
func PostParallel(b *testing.B, unit string, request func(i int64) *http.Request) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: 256, MaxIdleConnsPerHost: 256, DialContext: LoopbackDialer().DialContext,
	}}
	var n atomic.Int64
	start := time.Now()
	b.SetParallelism(8)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Do(request(n.Add(1)))
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
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), unit+"/s")
}
