package slack

import (
	"sync"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// maxCachedRenders bounds the render cache; a knowledge folder has few
// distinct replies, so the bound is only a safety net.
const maxCachedRenders = 4096

// renderCache keeps rendered replies: the same answer is rendered once per
// knowledge version, not once per message. Rendered messages are never
// changed after, so they are shared between goroutines.
type renderCache struct {
	mu sync.Mutex
	m  map[string]message
}

// render is render(r, "") through the cache.
func (c *renderCache) render(r bot.Reply) message {
	key := r.Key()
	c.mu.Lock()
	msg, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return msg
	}
	msg = render(r, "")
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxCachedRenders {
		c.m = make(map[string]message)
	}
	c.m[key] = msg
	c.mu.Unlock()
	return msg
}
