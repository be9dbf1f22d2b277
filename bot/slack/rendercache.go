package slack

import (
	"strings"
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
	key := replyKey(r)
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

// replyKey identifies what render draws from a reply. The knowledge version
// stands for the texts of the answer, contact line and guidance.
func replyKey(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(string(r.Outcome))
	b.WriteByte(0)
	b.WriteString(r.Intent)
	b.WriteByte(0)
	b.WriteString(r.KnowledgeVersion)
	for _, c := range r.Choices {
		b.WriteByte(0)
		b.WriteString(c.ID)
	}
	if r.KnowledgeVersion == "" {
		// Without a version the texts cannot be trusted to match: key on them.
		b.WriteByte(0)
		b.WriteString(r.Body)
		b.WriteByte(0)
		b.WriteString(r.Guidance)
	}
	return b.String()
}
