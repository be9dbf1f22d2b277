package discord

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
const adapterName = "discord"

// Name is "discord".
func (a *Adapter) Name() string { return adapterName }

// Mount registers the HTTP interactions endpoint under /discord/ on mux
// when a public key is configured.
func (a *Adapter) Mount(mux *http.ServeMux) {
	if a.publicKey != nil {
		mux.Handle("/discord/", a.Handler())
	}
}

// Preview renders r as Discord shows it: see the package's Preview.
func (a *Adapter) Preview(r bot.Reply) bot.Preview {
	return Preview(r)
}
