package slack

import (
	"net/http"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// The adapter's capabilities beside bot.Adapter.
var (
	_ bot.HTTPAdapter    = (*Adapter)(nil)
	_ bot.ReadyAdapter   = (*Adapter)(nil)
	_ bot.PreviewAdapter = (*Adapter)(nil)
)

// adapterName is the adapter's name and the Message.Adapter of its messages.
const adapterName = "slack"

// Name is "slack".
func (a *Adapter) Name() string { return adapterName }

// Mount registers the HTTP endpoints under /slack/ on mux when a signing
// secret is configured (Socket Mode alone needs none).
func (a *Adapter) Mount(mux *http.ServeMux) {
	if a.cfg.SigningSecret != "" {
		mux.Handle("/slack/", a.Handler())
	}
}

// Preview renders r as Slack shows it: see the package's Preview; the
// buttons are among the blocks, where Slack shows them.
func (a *Adapter) Preview(r bot.Reply) bot.Preview {
	return Preview(r)
}
