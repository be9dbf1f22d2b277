package slack

import (
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// TestHomeViewLimits: however many topics, the App Home keeps within
// Slack's limits (25 buttons per actions block, unique action ids) and
// ends with the guidance.
func TestHomeViewLimits(t *testing.T) {
	for _, n := range []int{0, 1, 25, 26, 75, 200} {
		t.Run(fmt.Sprint(n, " topics"), func(t *testing.T) {
			var topics []bot.Choice
			for i := range n {
				topics = append(topics, bot.Choice{ID: fmt.Sprint("t", i), Title: fmt.Sprint("Topic ", i)})
			}
			blocks := homeView(topics, "Contact the organization that asked you to verify.", "/verifyhelp", nil)
			buttons, ids, blockIDs := 0, map[string]bool{}, map[string]bool{}
			for _, b := range blocks {
				a, ok := b.(*slack.ActionBlock)
				if !ok {
					continue
				}
				if blockIDs[a.BlockID] {
					t.Errorf("block id %s twice", a.BlockID)
				}
				blockIDs[a.BlockID] = true
				if len(a.Elements.ElementSet) > maxButtons {
					t.Errorf("%d buttons in one block", len(a.Elements.ElementSet))
				}
				for _, e := range a.Elements.ElementSet {
					id := e.(*slack.ButtonBlockElement).ActionID
					if ids[id] || !strings.HasPrefix(id, actionHomeTopic) {
						t.Errorf("action id %s repeated or without the prefix", id)
					}
					ids[id] = true
					buttons++
				}
			}
			if want := min(n, maxHomeTopics); buttons != want {
				t.Errorf("%d buttons, want %d", buttons, want)
			}
			if len(blocks) > 100 {
				t.Errorf("%d blocks, over Slack's 100", len(blocks))
			}
			last, ok := blocks[len(blocks)-1].(*slack.SectionBlock)
			if !ok || !strings.Contains(last.Text.Text, "organization that asked you to verify") {
				t.Errorf("last block is not the guidance: %#v", blocks[len(blocks)-1])
			}
		})
	}
}
