package slack_test

import (
	"strings"
	"testing"
)

// TestCachedRendersKeepTheTwoFallbacksApart: an out-of-scope question and
// then gibberish go through the same render cache; each gets its own
// fallback text.
func TestCachedRendersKeepTheTwoFallbacksApart(t *testing.T) {
	h := start(t, nil)
	h.event(t, "Ev1", dm("where do I renew my passport", "1000.1"))
	h.fake.waitPosts(1)
	h.event(t, "Ev2", dm("zzzz qqqq xxxx", "1000.2"))
	posts := h.fake.waitPosts(2)
	if !strings.Contains(posts[0].Text, "outside what I can help with") {
		t.Errorf("out-of-scope question answered with %.60q", posts[0].Text)
	}
	if !strings.Contains(posts[1].Text, "not sure I understood") {
		t.Errorf("gibberish answered with %.60q, want the ordinary fallback", posts[1].Text)
	}
}
