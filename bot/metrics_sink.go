package bot

// MetricsSink is told what adapters do besides answering, for metrics:
// replies delivered or failed, repeated events dropped, work shed under
// load, panics recovered.
// Implementations must be safe for concurrent use.
type MetricsSink interface {
	// Delivered reports a reply sent (code "") or failed with the
	// platform's error code.
	Delivered(adapter, code string)
	// Deduplicated reports an event already answered, dropped.
	Deduplicated(adapter string)
	// Shed reports work refused because every worker was busy.
	Shed(adapter string)
	// Panicked reports a panic recovered in an adapter's event handler or
	// worker: the event is lost, the process goes on.
	Panicked(adapter string)
}

// NoMetrics is a MetricsSink that keeps nothing.
var NoMetrics MetricsSink = noMetrics{}

type noMetrics struct{}

func (noMetrics) Delivered(string, string) {}
func (noMetrics) Deduplicated(string)      {}
func (noMetrics) Shed(string)              {}
func (noMetrics) Panicked(string)          {}
