package discord

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// idSolved is the custom id of the Solved button under answers in forum
// posts.
const idSolved = "solved"

// withSolved adds the Solved button under msg: beside the feedback buttons
// when there is room, else on a row of its own, else it is left out
// (Discord allows five rows of five).
func withSolved(msg message) message {
	button := discordgo.Button{Label: "Solved", Emoji: &discordgo.ComponentEmoji{Name: "✅"}, Style: discordgo.SuccessButton, CustomID: idSolved}
	rows := slices.Clone(msg.components)
	if n := len(rows); n > 0 {
		if last, ok := rows[n-1].(discordgo.ActionsRow); ok && len(last.Components) < 5 && isFeedbackRow(last) {
			last.Components = append(slices.Clone(last.Components), button)
			rows[n-1] = last
			msg.components = rows
			return msg
		}
	}
	if len(rows) < 5 {
		msg.components = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{button}})
	}
	return msg
}

// isFeedbackRow reports whether row holds the 👍 / 👎 buttons.
func isFeedbackRow(row discordgo.ActionsRow) bool {
	for _, c := range row.Components {
		if b, ok := c.(discordgo.Button); ok && strings.HasPrefix(b.CustomID, idFeedback) {
			return true
		}
	}
	return false
}

// solve answers a click on Solved: the post's author, or a member who may
// manage threads, gets the solved tag applied and the post closed
// (archived) once the response is sent; anyone else is told privately that
// only the author can.
func (a *Adapter) solve(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, message) {
	post, err := a.rest.Channel(i.ChannelID, discordgo.WithContext(ctx))
	if err != nil {
		a.forumFailure(i.ChannelID, "read forum post", err)
		return notice("Sorry, I couldn't mark this post solved. Please try again later."), message{}
	}
	if !post.IsThread() || !slices.Contains(a.cfg.ForumChannelIDs, post.ParentID) {
		return notice("Sorry, that button no longer works."), message{}
	}
	manages := i.Member != nil && i.Member.Permissions&discordgo.PermissionManageThreads != 0
	if userOf(i) != post.OwnerID && !manages {
		return notice("Only the author of this post can mark it solved."), message{}
	}
	tags := slices.Clone(post.AppliedTags)
	if a.cfg.ForumTags.Solved != "" {
		tags = a.withSolvedTag(ctx, post.ParentID, tags)
	}
	archive := func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		archived := true
		edit := &discordgo.ChannelEdit{Archived: &archived}
		if !slices.Equal(tags, post.AppliedTags) {
			edit.AppliedTags = &tags
		}
		if _, err := a.rest.ChannelEditComplex(post.ID, edit, discordgo.WithContext(ctx)); err != nil {
			a.forumFailure(post.ParentID, "close forum post", err)
		}
	}
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "✅ Marked as solved. Glad it's sorted!", AllowedMentions: noMentions},
	}
	return resp, message{then: archive}
}

// withSolvedTag is tags with the forum's solved tag added (in place of the
// answered tag when the post has as many tags as it may); a forum without
// the solved tag is logged once.
func (a *Adapter) withSolvedTag(ctx context.Context, forumID string, tags []string) []string {
	forum, err := a.rest.Channel(forumID, discordgo.WithContext(ctx))
	if err != nil {
		a.forumFailure(forumID, "read forum tags", err)
		return tags
	}
	solved := tagID(forum.AvailableTags, a.cfg.ForumTags.Solved)
	switch {
	case solved == "":
		a.missingTag(forumID, "forum_tags.solved", a.cfg.ForumTags.Solved)
	case slices.Contains(tags, solved):
	case len(tags) < maxAppliedTags:
		tags = append(tags, solved)
	default:
		if answered := tagID(forum.AvailableTags, a.cfg.ForumTags.Answered); answered != "" {
			if j := slices.Index(tags, answered); j >= 0 {
				tags[j] = solved
			}
		}
	}
	return tags
}
