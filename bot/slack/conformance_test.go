package slack_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/adaptertest"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// TestConformance runs the adapters' conformance suite over the Events API
// (HTTP) and over Socket Mode, with public messages as mentions, and over
// both again with public messages written in a help channel, without a
// mention.
func TestConformance(t *testing.T) {
	for _, tt := range []struct {
		name         string
		socket, help bool
	}{
		{"http", false, false},
		{"socket mode", true, false},
		{"help channel", false, true},
		{"help channel socket mode", true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			adaptertest.Run(t, func(t *testing.T, env adaptertest.Env) adaptertest.Harness {
				return newSuiteHarness(t, env, tt.socket, tt.help)
			})
		})
	}
}

// suiteHarness drives the Slack adapter for the conformance suite.
type suiteHarness struct {
	*harness
	socket bool
	// help makes public messages plain messages in a help channel, not
	// mentions.
	help bool
	shed chan struct{} // one value per event shed
	mu   sync.Mutex
	said map[string]bool
	next int // for generated ids
	// threads are the conversations' threads in C1, by name: the ts of
	// their first message.
	threads map[string]string
	handoff adaptertest.HandoffTarget
}

// The handoff targets the suite's adapters are given.
const (
	handoffGroup   = "SHELP"
	handoffChannel = "CHANDOFF"
)

// settleChannel is where Settle's marker messages go, left out of Replies.
const settleChannel = "DSETTLE"

func newSuiteHarness(t *testing.T, env adaptertest.Env, socket, help bool) *suiteHarness {
	s := &suiteHarness{socket: socket, help: help, shed: make(chan struct{}, 16), said: map[string]bool{}, threads: map[string]string{}, handoff: env.Handoff}
	s.harness = startWith(t, env.Bot, env.Feedback, func(c *slack.Config) {
		c.Workers, c.Queue = env.Workers, env.Queue
		switch env.Handoff {
		case adaptertest.HandoffMention:
			c.HandoffUsergroup = handoffGroup
		case adaptertest.HandoffLink:
			c.HandoffChannel = handoffChannel
		}
		if socket {
			socketMode(c)
		}
		if help {
			c.HelpChannelIDs = []string{"C1"}
		}
	}, slack.WithMetrics(shedSignal(s.shed)))
	return s
}

// shedSignal is a metrics sink that signals every event shed.
type shedSignal chan struct{}

func (s shedSignal) Delivered(string, string) {}
func (s shedSignal) Deduplicated(string)      {}
func (s shedSignal) Panicked(string)          {}
func (s shedSignal) Shed(string)              { s <- struct{}{} }

func (s *suiteHarness) Features() adaptertest.Features {
	return adaptertest.Features{Name: "slack", Public: true, Bots: true, Replays: true, Retries: true,
		Handoff: true, Mention: "<!subteam^" + handoffGroup + ">"}
}

// inner is the Events API event of m; thread, when set, is the thread
// of its conversation in a channel. help makes a public message that
// starts a conversation a top-level message in the help channel C1, without
// a mention; the suite's later public messages address the bot, and stay
// mentions in its thread (after a handoff, only those are answered).
func inner(m adaptertest.Message, ts, thread string, help bool) map[string]any {
	ev := dm(m.Text, ts)
	if m.Conversation != "" {
		ev["channel"] = "D" + m.Conversation
	}
	if m.Public {
		ev = mention("<@UBOT> "+m.Text, ts)
		if help && (thread == "" || thread == ts) {
			ev = helpMessage(m.Text, ts, "")
		}
		if thread != "" && thread != ts {
			ev["thread_ts"] = thread
		}
	}
	switch m.From {
	case adaptertest.Self:
		ev["user"] = "UBOT"
	case adaptertest.OtherBot:
		ev["bot_id"], ev["user"] = "B2", "U2"
	}
	return ev
}

func (s *suiteHarness) Say(t *testing.T, m adaptertest.Message) bool {
	t.Helper()
	s.mu.Lock()
	s.next++
	if m.ID == "" {
		m.ID = fmt.Sprintf("EvSuite%d", s.next)
	}
	retry := s.said[m.ID]
	s.said[m.ID] = true
	ts := fmt.Sprintf("1000.%d", s.next)
	thread := ""
	if m.Public && m.Conversation != "" {
		if s.threads[m.Conversation] == "" {
			s.threads[m.Conversation] = ts
		}
		thread = s.threads[m.Conversation]
	}
	s.mu.Unlock()
	ev := inner(m, ts, thread, s.help)
	if s.socket {
		return s.sayOverSocket(t, m.ID, ev)
	}
	var headers []string
	if retry {
		headers = []string{"X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_error"}
	}
	switch code := s.event(t, m.ID, ev, headers...); code {
	case http.StatusOK:
		return true
	case http.StatusServiceUnavailable:
		return false
	default:
		t.Fatalf("event %s: status %d", m.ID, code)
		return false
	}
}

// sayOverSocket sends an events_api envelope: acknowledged means taken; a
// shed event is left unacknowledged, for Slack to deliver again.
func (s *suiteHarness) sayOverSocket(t *testing.T, id string, ev map[string]any) bool {
	t.Helper()
	envelope := "env-" + id + fmt.Sprint(time.Now().UnixNano())
	s.fake.envelope <- map[string]any{"envelope_id": envelope, "type": "events_api", "payload": map[string]any{
		"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": id, "event_time": 1, "event": ev,
	}}
	deadline := time.After(adaptertest.Wait)
	for {
		select {
		case ack := <-s.fake.acks:
			if ack["envelope_id"] == envelope {
				return true
			}
		case <-s.shed:
			return false
		case <-deadline:
			t.Fatalf("envelope %s neither acknowledged nor shed", envelope)
		}
	}
}

func (s *suiteHarness) Replies(t *testing.T, n int) []adaptertest.Reply {
	t.Helper()
	deadline := time.Now().Add(adaptertest.Wait)
	for {
		replies := s.replies()
		if len(replies) >= n {
			return replies
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited for %d replies, have %d", n, len(replies))
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (s *suiteHarness) replies() []adaptertest.Reply {
	s.fake.mu.Lock()
	posts := append([]post(nil), s.fake.posts...)
	s.fake.mu.Unlock()
	var out []adaptertest.Reply
	for _, p := range posts {
		if p.Channel != settleChannel {
			out = append(out, replyOf(p))
		}
	}
	return out
}

// Settle sends a direct message to settleChannel and waits for its reply:
// with one worker, everything said before it is answered by then.
func (s *suiteHarness) Settle(t *testing.T) []adaptertest.Reply {
	t.Helper()
	count := func() int {
		s.fake.mu.Lock()
		defer s.fake.mu.Unlock()
		n := 0
		for _, p := range s.fake.posts {
			if p.Channel == settleChannel {
				n++
			}
		}
		return n
	}
	before := count()
	s.mu.Lock()
	s.next++
	id, ts := fmt.Sprintf("EvSettle%d", s.next), fmt.Sprintf("9000.%d", s.next)
	s.mu.Unlock()
	ev := dm("hello", ts)
	ev["channel"] = settleChannel
	taken := false
	if s.socket {
		taken = s.sayOverSocket(t, id, ev)
	} else {
		taken = s.event(t, id, ev) == http.StatusOK
	}
	if !taken {
		t.Fatal("the settling message was refused")
	}
	deadline := time.Now().Add(adaptertest.Wait)
	for count() == before {
		if time.Now().After(deadline) {
			t.Fatal("the settling message got no reply")
		}
		time.Sleep(2 * time.Millisecond)
	}
	return s.replies()
}

// Command sends /verifyhelp over the harness's transport.
func (s *suiteHarness) Command(t *testing.T, question string, public bool) adaptertest.Reply {
	t.Helper()
	channel := "D1"
	if public {
		channel = "C1"
	}
	fields := map[string]string{"command": "/verifyhelp", "text": question, "user_id": "U1", "channel_id": channel,
		"response_url": s.fake.responseURL("cmd"), "trigger_id": "1.2.3", "team_id": "T1"}
	var msg []byte
	if s.socket {
		payload := map[string]any{}
		for k, v := range fields {
			payload[k] = v
		}
		ack := s.send(t, fmt.Sprintf("env-cmd-%d", time.Now().UnixNano()), "slash_commands", payload)
		msg, _ = json.Marshal(ack["payload"])
	} else {
		resp := do(t, signed(t, s.srv.URL+"/slack/commands", "application/x-www-form-urlencoded", form(fields), time.Now()))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("command: status %d", resp.StatusCode)
		}
		var raw json.RawMessage
		json.NewDecoder(resp.Body).Decode(&raw)
		msg = raw
	}
	var out struct {
		ResponseType string            `json:"response_type"`
		Text         string            `json:"text"`
		Blocks       []json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(msg, &out); err != nil {
		t.Fatalf("command response %s: %v", msg, err)
	}
	blocks, _ := json.Marshal(out.Blocks)
	return replyOf(post{Channel: channel, Text: out.Text, Blocks: string(blocks), Ephemeral: out.ResponseType != "in_channel", ResponseURL: true})
}

// Click sends a block_actions payload for c and returns the reply it
// brings: a post in the thread, or a message to the response URL.
func (s *suiteHarness) Click(t *testing.T, r adaptertest.Reply, c adaptertest.Choice) adaptertest.Reply {
	t.Helper()
	p := r.Ref.(post)
	action := c.Ref.(map[string]any)
	message := map[string]any{"type": "message"}
	if p.TS != "" {
		message["ts"] = p.TS
		if p.Thread != "" {
			message["thread_ts"] = p.Thread
		}
	}
	payload := map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U1"}, "channel": map[string]any{"id": p.Channel}, "team": map[string]any{"id": "T1"},
		"response_url": s.fake.responseURL("click"), "trigger_id": newTriggerID(),
		"container": map[string]any{"type": "message", "message_ts": p.TS, "channel_id": p.Channel, "is_ephemeral": p.Ephemeral || p.ResponseURL},
		"message":   message,
		"actions":   []map[string]any{action},
	}
	before := s.fake.postCount()
	if s.socket {
		s.send(t, fmt.Sprintf("env-click-%d", time.Now().UnixNano()), "interactive", payload)
	} else {
		s.interaction(t, payload)
	}
	return replyOf(s.fake.waitPosts(before + 1)[before])
}

// Stall holds chat.postMessage calls until release.
func (s *suiteHarness) Stall(t *testing.T) (held func(*testing.T), release func()) {
	gate, entered := make(chan struct{}), make(chan struct{}, 64)
	s.fake.postMessage = func(w http.ResponseWriter, n int, channel string) bool {
		entered <- struct{}{}
		<-gate
		return false
	}
	var once sync.Once
	return func(t *testing.T) {
			t.Helper()
			select {
			case <-entered:
			case <-time.After(adaptertest.Wait):
				t.Fatal("no reply was held")
			}
		}, func() {
			once.Do(func() {
				close(gate)
				s.fake.postMessage = nil
			})
		}
}

// slackPings are what notifies people in Slack mrkdwn: special mentions,
// user and user-group mentions.
var slackPings = regexp.MustCompile(`<!(?:channel|here|everyone|subteam\^)[^>]*>|<@[UW][A-Z0-9]*(?:\|[^>]*)?>`)

// replyOf reads a post as people see it: its text blocks in order, its
// buttons, and what in it could ping.
func replyOf(p post) adaptertest.Reply {
	r := adaptertest.Reply{Public: !p.Ephemeral && !p.ResponseURL && strings.HasPrefix(p.Channel, "C"), Ref: p, Elsewhere: p.Channel == handoffChannel}
	var blocks []struct {
		Type string `json:"type"`
		Text *struct {
			Text string `json:"text"`
		} `json:"text"`
		Elements []struct {
			Type     string `json:"type"`
			Text     any    `json:"text"`
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
		BlockID string `json:"block_id"`
	}
	json.Unmarshal([]byte(p.Blocks), &blocks)
	var texts []string
	for _, b := range blocks {
		switch b.Type {
		case "section":
			if b.Text != nil {
				texts = append(texts, b.Text.Text)
			}
		case "context":
			for _, e := range b.Elements {
				if s, ok := e.Text.(string); ok {
					texts = append(texts, s)
				}
			}
		case "actions":
			for _, e := range b.Elements {
				if e.Type != "button" {
					continue
				}
				label := ""
				if m, ok := e.Text.(map[string]any); ok {
					label, _ = m["text"].(string)
				}
				action := map[string]any{"action_id": e.ActionID, "block_id": b.BlockID, "value": e.Value, "type": "button", "action_ts": "1.1"}
				c := adaptertest.Choice{Label: label, Ref: action}
				switch {
				case strings.HasPrefix(e.ActionID, "topic:"):
					c.Intent = e.Value
				case strings.HasPrefix(e.ActionID, "feedback:"):
					c.Feedback, c.Intent, _ = strings.Cut(e.Value, ":")
					r.Intent = c.Intent
				}
				r.Choices = append(r.Choices, c)
			}
		}
	}
	r.Text = strings.Join(texts, "\n\n")
	if p.Blocks == "" || p.Blocks == "null" {
		r.Text = p.Text
	}
	r.Pings = slackPings.FindAllString(r.Text+"\n"+p.Text, -1)
	if p.LinkNames == "1" || p.LinkNames == "true" {
		r.Pings = append(r.Pings, "link_names="+p.LinkNames)
	}
	return r
}
