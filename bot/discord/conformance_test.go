package discord_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/adaptertest"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
)

// TestConformance runs the adapters' conformance suite over the gateway
// and over the HTTP interactions endpoint.
func TestConformance(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	t.Run("gateway", func(t *testing.T) {
		adaptertest.Run(t, func(t *testing.T, env adaptertest.Env) adaptertest.Harness {
			return &gatewayHarness{suiteHarness: newSuiteHarness(t, env, true)}
		})
	})
	t.Run("http interactions", func(t *testing.T) {
		adaptertest.Run(t, func(t *testing.T, env adaptertest.Env) adaptertest.Harness {
			return &httpHarness{suiteHarness: newSuiteHarness(t, env, false)}
		})
	})
}

// suiteHarness is what both transports' harnesses share.
type suiteHarness struct {
	*harness
	mu   sync.Mutex
	next int
}

// The handoff targets the suite's adapters are given.
const (
	handoffRole    = "4242"
	handoffChannel = "5555"
)

func newSuiteHarness(t *testing.T, env adaptertest.Env, gateway bool) *suiteHarness {
	return &suiteHarness{harness: startWith(t, env.Bot, env.Feedback, func(c *discord.Config) {
		c.Workers, c.Queue = env.Workers, env.Queue
		c.HTTPOnly = !gateway
		switch env.Handoff {
		case adaptertest.HandoffMention:
			c.HandoffRole = handoffRole
		case adaptertest.HandoffLink:
			c.HandoffChannel = handoffChannel
		}
	})}
}

// channelOf is the channel of m's conversation: a guild channel (or
// thread) when public, a direct message otherwise.
func channelOf(m adaptertest.Message) string {
	switch {
	case m.Public && m.Conversation != "":
		return "C" + m.Conversation
	case m.Public:
		return "C1"
	case m.Conversation != "":
		return "D" + m.Conversation
	}
	return "D1"
}

func (s *suiteHarness) id(prefix string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	return fmt.Sprintf("%s%d", prefix, s.next)
}

// gatewayHarness drives the adapter over the fake gateway: messages are
// MESSAGE_CREATE dispatches, clicks INTERACTION_CREATE.
type gatewayHarness struct{ *suiteHarness }

func (g *gatewayHarness) Features() adaptertest.Features {
	return adaptertest.Features{Name: "discord", Public: true, Bots: true, Replays: true, Handoff: true, Mention: "<@&" + handoffRole + ">"}
}

// settleChannel is where Settle's marker messages go, left out of Replies.
const settleChannel = "DSETTLE"

func (g *gatewayHarness) Say(t *testing.T, m adaptertest.Message) bool {
	t.Helper()
	if m.ID == "" {
		m.ID = g.id("MSuite")
	}
	msg := message(m.ID, channelOf(m), "", m.Text, false)
	if m.Public {
		msg = message(m.ID, channelOf(m), "G1", "<@9000> "+m.Text, true)
	}
	switch m.From {
	case adaptertest.Self:
		msg["author"] = map[string]any{"id": "9000", "username": "helpdeskbot", "bot": true}
	case adaptertest.OtherBot:
		msg["author"] = map[string]any{"id": "9002", "username": "otherbot", "bot": true}
	}
	g.fake.dispatch("MESSAGE_CREATE", msg)
	return true // the gateway has no acknowledgement to refuse
}

func (g *gatewayHarness) Replies(t *testing.T, n int) []adaptertest.Reply {
	t.Helper()
	for have := n; ; have++ {
		var out []adaptertest.Reply
		for _, s := range g.fake.wait("message", have) {
			if s.Channel != settleChannel {
				out = append(out, sentReply(s))
			}
		}
		if len(out) >= n {
			return out
		}
	}
}

// Settle sends a direct message to settleChannel and waits for its reply:
// messages are decided in the order they arrive and, with one worker,
// answered in that order, so what was said before is answered by then.
func (g *gatewayHarness) Settle(t *testing.T) []adaptertest.Reply {
	t.Helper()
	all := g.fake.wait("message", 0)
	markers := func(sent []sent) int {
		n := 0
		for _, s := range sent {
			if s.Channel == settleChannel {
				n++
			}
		}
		return n
	}
	before := markers(all)
	g.fake.dispatch("MESSAGE_CREATE", message(g.id("MSettle"), settleChannel, "", "hello", false))
	for have := len(all) + 1; markers(all) == before; have++ {
		all = g.fake.wait("message", have)
	}
	var out []adaptertest.Reply
	for _, s := range all {
		if s.Channel != settleChannel {
			out = append(out, sentReply(s))
		}
	}
	return out
}

// sentReply reads a message the adapter sent to a channel.
func sentReply(s sent) adaptertest.Reply {
	r := discordReply(s.Body, !strings.HasPrefix(s.Channel, "D"))
	r.Elsewhere = s.Channel == handoffChannel
	return r
}

func (g *gatewayHarness) Click(t *testing.T, r adaptertest.Reply, c adaptertest.Choice) adaptertest.Reply {
	t.Helper()
	before := g.fake.count("callback")
	g.fake.dispatch("INTERACTION_CREATE", click(g.id("IClick"), r, c))
	got := g.fake.wait("callback", before+1)[before]
	return interactionReply(t, got.Body)
}

func (g *gatewayHarness) Command(t *testing.T, question string, public bool) adaptertest.Reply {
	t.Helper()
	before := g.fake.count("callback")
	g.fake.dispatch("INTERACTION_CREATE", commandIn(g.id("ICmd"), question, public))
	return interactionReply(t, g.fake.wait("callback", before+1)[before].Body)
}

// httpHarness drives the adapter through its interactions endpoint alone:
// a message is the slash command, answered in the HTTP response.
type httpHarness struct {
	*suiteHarness
	replies []adaptertest.Reply
}

func (h *httpHarness) Features() adaptertest.Features {
	// A command answered only to the asker is a private exchange, even in
	// a channel: the adapter runs with discord.public off.
	return adaptertest.Features{Name: "discord"}
}

func (h *httpHarness) Say(t *testing.T, m adaptertest.Message) bool {
	t.Helper()
	i := commandIn(h.id("ICmd"), m.Text, m.Public)
	i["channel_id"] = channelOf(m)
	r := interactionReply(t, decode(t, h.post(t, i, h.key)))
	h.mu.Lock()
	h.replies = append(h.replies, r)
	h.mu.Unlock()
	return true
}

func (h *httpHarness) Replies(t *testing.T, n int) []adaptertest.Reply {
	t.Helper()
	got := h.Settle(t)
	if len(got) < n {
		t.Fatalf("%d replies, want %d: the endpoint answers in its response", len(got), n)
	}
	return got
}

func (h *httpHarness) Settle(*testing.T) []adaptertest.Reply {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]adaptertest.Reply(nil), h.replies...)
}

func (h *httpHarness) Command(t *testing.T, question string, public bool) adaptertest.Reply {
	t.Helper()
	return interactionReply(t, decode(t, h.post(t, commandIn(h.id("ICmd"), question, public), h.key)))
}

func (h *httpHarness) Click(t *testing.T, r adaptertest.Reply, c adaptertest.Choice) adaptertest.Reply {
	t.Helper()
	return interactionReply(t, decode(t, h.post(t, click(h.id("IClick"), r, c), h.key)))
}

// commandIn is /verifyhelp with question, in a guild channel or a DM.
func commandIn(id, question string, public bool) map[string]any {
	i := interaction(id, 2, command(question), nil)
	if !public {
		delete(i, "guild_id")
		delete(i, "member")
		i["channel_id"] = "D1"
		i["user"] = map[string]any{"id": "1001", "username": "alice"}
	}
	return i
}

// click is the component interaction of pressing c under r.
func click(id string, r adaptertest.Reply, c adaptertest.Choice) map[string]any {
	ref := r.Ref.(replyRef)
	return interaction(id, 3, map[string]any{"custom_id": c.Ref.(string), "component_type": 2},
		map[string]any{"id": ref.id, "channel_id": "C1", "flags": ref.flags})
}

// replyRef is what a click needs of the reply it is under.
type replyRef struct {
	id    string
	flags float64
}

// interactionReply reads an interaction callback's message.
func interactionReply(t *testing.T, body map[string]any) adaptertest.Reply {
	t.Helper()
	data, ok := body["data"].(map[string]any)
	if !ok {
		t.Fatalf("interaction response without a message: %v", body)
	}
	flags, _ := data["flags"].(float64)
	return discordReply(data, int(flags)&64 == 0)
}

// discordPings are what notifies people in Discord content.
var discordPings = regexp.MustCompile(`@everyone|@here|<@[!&]?\d+>`)

// discordReply reads a message's content, buttons and allowed mentions.
func discordReply(msg map[string]any, public bool) adaptertest.Reply {
	content, _ := msg["content"].(string)
	flags, _ := msg["flags"].(float64)
	id, _ := msg["id"].(string)
	if id == "" {
		id = "R1"
	}
	r := adaptertest.Reply{Text: content, Public: public, Pings: discordPings.FindAllString(content, -1), Ref: replyRef{id: id, flags: flags}}
	am, _ := msg["allowed_mentions"].(map[string]any)
	if parse, ok := am["parse"].([]any); !ok || len(parse) != 0 {
		r.Pings = append(r.Pings, fmt.Sprintf("allowed_mentions=%v", msg["allowed_mentions"]))
	}
	// Roles and users allowed_mentions lists can be pinged.
	for key, mention := range map[string]string{"roles": "<@&%v>", "users": "<@%v>"} {
		ids, _ := am[key].([]any)
		for _, id := range ids {
			r.Pings = append(r.Pings, fmt.Sprintf(mention, id))
		}
	}
	raw, _ := json.Marshal(msg["components"])
	var rows []struct {
		Components []struct {
			Label    string `json:"label"`
			CustomID string `json:"custom_id"`
		} `json:"components"`
	}
	json.Unmarshal(raw, &rows)
	for _, row := range rows {
		for _, b := range row.Components {
			c := adaptertest.Choice{Label: b.Label, Ref: b.CustomID}
			switch rest := b.CustomID; {
			case strings.HasPrefix(rest, "topic:"):
				c.Intent = strings.TrimPrefix(rest, "topic:")
			case strings.HasPrefix(rest, "feedback:"):
				c.Feedback, c.Intent, _ = strings.Cut(strings.TrimPrefix(rest, "feedback:"), ":")
				r.Intent = c.Intent
			default:
				continue
			}
			r.Choices = append(r.Choices, c)
		}
	}
	return r
}

// update rewrites the conformance suite's golden files in testdata/.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")
