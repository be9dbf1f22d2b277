package bot

import (
	"context"
	"net/http"
)

// Adapter connects the bot to one place where people ask: a chat platform
// or an HTTP API. serve starts every adapter it is given with Run and stops
// them by ending ctx. What else an adapter can do is told by the small
// interfaces beside this one (HTTPAdapter, ReadyAdapter, ChannelAdapter,
// PreviewAdapter), found by type assertion.
type Adapter interface {
	// Name names the adapter in logs, metrics and /readyz ("slack").
	Name() string
	// Run does the adapter's work until ctx ends, then returns nil once
	// the work under way has finished (or its drain timeout passed). An
	// error means the adapter cannot run at all (a refused token) and
	// stops serve.
	Run(ctx context.Context) error
}

// HTTPAdapter is an Adapter with HTTP endpoints, served on serve's listener.
type HTTPAdapter interface {
	Adapter
	// Mount registers the adapter's endpoints on mux; an adapter whose
	// configuration needs no endpoint registers none.
	Mount(mux *http.ServeMux)
}

// ReadyAdapter is an Adapter that can be up or not yet: /readyz names it
// while Ready is false.
type ReadyAdapter interface {
	Adapter
	// Ready reports whether the adapter is connected and answering.
	Ready() bool
}

// ChannelAdapter is an Adapter configured with single channels (the
// channels list) that checks at start which of them it can see: /readyz
// and the log name those it cannot.
type ChannelAdapter interface {
	Adapter
	// UnseenChannels are the ids of the configured channels the platform
	// said the bot cannot see (not found, or no access), once checked;
	// nil before.
	UnseenChannels() []string
}

// PreviewAdapter is an Adapter that can show how a reply looks on its
// platform, for the web console.
type PreviewAdapter interface {
	Adapter
	// Preview renders r as the platform shows it.
	Preview(r Reply) Preview
}

// Preview is a reply as a platform shows it, part by part in the order
// the platform shows them.
type Preview []PreviewPart

// PreviewPart is a message (or block) of text in the platform's own
// markup, or a row of buttons by their labels (emoji included).
type PreviewPart struct {
	Text    string
	Buttons []string
}
