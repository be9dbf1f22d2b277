package bot

// Events is told what adapters do besides answering, for metrics: replies
// delivered or failed, repeated events dropped, work shed under load,
// panics recovered.
// Implementations must be safe for concurrent use.
type Events interface {
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

// NoEvents is an Events that keeps nothing.
var NoEvents Events = noEvents{}

type noEvents struct{}

func (noEvents) Delivered(string, string) {}
func (noEvents) Deduplicated(string)      {}
func (noEvents) Shed(string)              {}
func (noEvents) Panicked(string)          {}
