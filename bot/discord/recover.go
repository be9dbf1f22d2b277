package discord

import (
	"runtime/debug"

	"github.com/bwmarrin/discordgo"
)

// recovered wraps a gateway event handler so that a panic in it is logged
// with its stack and counted, instead of killing the process: discordgo
// runs handlers on their own goroutines, without a recover.
func recovered[E any](a *Adapter, event string, h func(*discordgo.Session, E)) func(*discordgo.Session, E) {
	return func(s *discordgo.Session, e E) {
		defer func() {
			if v := recover(); v != nil {
				a.panicked("event", event, v, debug.Stack())
			}
		}()
		h(s, e)
	}
}

// inBackground runs h on its own goroutine, so that a handler that waits on
// REST never holds up the gateway's reader.
func inBackground[E any](h func(*discordgo.Session, E)) func(*discordgo.Session, E) {
	return func(s *discordgo.Session, e E) { go h(s, e) }
}

// panicked logs and counts a recovered panic; where names what panicked.
func (a *Adapter) panicked(where, what string, v any, stack []byte) {
	a.log.Error(where+" handler panicked", where, what, "panic", v, "stack", string(stack))
	a.deps.Metrics.Panicked(adapterName)
}
